// A base64 data: URL of JSON (a config inlined as an asset): its text, then its JSON values.
const asset = "data:application/json;base64,eyJhcGlLZXkiOiJkYXRhX3VybF92YWx1ZV8wMSJ9";
