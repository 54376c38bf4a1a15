import axios from "axios";

const CMC_KEY = "7a3e9c1f-4b2d-4e8a-9f61-0c5d2b8e7a43";
const TM_KEY = "tm-4f8b2c9e1a7d3f6b0e5c8a2d9f1b7e3c";

export async function listings() {
  const res = await fetch("https://pro-api.coinmarketcap.com/v1/cryptocurrency/listings/latest", {
    headers: { "X-CMC_PRO_API_KEY": CMC_KEY, Accept: "application/json" },
  });
  return res.json();
}

const tokenMetrics = axios.create({
  baseURL: "https://api.tokenmetrics.com/v2",
  headers: { "x-api-key": TM_KEY },
});

export const signals = (symbol) => tokenMetrics.get("/trading-signals", { params: { symbol } });

// A request id sent to some other API is no key.
export const track = () => fetch("https://api.example-analytics.io/v1/events", { headers: { "x-request-id": "0b9f4e2a-6c1d-4a7e-8f3b-5d2c9e1a7b64" } });
