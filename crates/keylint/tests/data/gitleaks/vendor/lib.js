export const k = "acme_live_m1n2b3v4c5x6z7l8k9j0h1g2";
