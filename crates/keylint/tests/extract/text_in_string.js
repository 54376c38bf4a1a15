// Config text, a shell command and a code sample shipped as strings.
const env = "STRIPE_SECRET=sk_live_51HqLyjWDarjtT1zdp7dc9Qm2Lw8Rk\nDEBUG=1\nexport API_TOKEN=Zq82liYL5Ebo9xR3mW7t";
const yaml = `database:
  host: db.internal
  password: "Tr4ding!Desk2024xQ9"
`;
const curl = 'curl https://api.example.test -H "Authorization: Bearer k3Jd9qLm2Xv8Rt5Wp1Zs" --user deploy:Hq8!vLz2Rk5mW9';
const sample = 'const client = new Client({ apiKey: "AKx9Qm2Lw8RkPz4T", region: "eu" })';
const placeholders = "API_KEY=${API_KEY}\nTOKEN=<your-token>";
const oneKey = "sk_live_51HqLyjWDarjtT1zdp7dc9Qm2Lw8Rk";
