import { createHmac } from "crypto";
import CryptoJS from "crypto-js";
import jwt from "jsonwebtoken";
import { SignJWT } from "jose";

const BINANCE_SECRET = "Nh4sVq8LrT2wYk9ZpC6mXe3JbF7dGu5HaRt1KyWs0QzLxPc8VnMb2DfJg4HkS6Ta";

export async function signRequest(query) {
  const enc = new TextEncoder();
  const key = await crypto.subtle.importKey("raw", enc.encode(BINANCE_SECRET), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return crypto.subtle.sign("HMAC", key, enc.encode(query));
}

export function nodeSign(body) {
  return createHmac("sha256", "q7Rt2LmX9vWz4KpB8sNc3HfJ6yDg1QaE").update(body).digest("hex");
}

export function legacySign(msg) {
  return CryptoJS.HmacSHA256(msg, "u9Fk2Wq7Lz4Xc8Vb1Nm6Hs3Jd5Pt0RyE").toString();
}

export function seal(text) {
  return CryptoJS.AES.encrypt(text, "Tg5Hy7Uj9Ik2Ol4Pm6Nb8Vc1Xz3As0Qw").toString();
}

export function token(user) {
  return jwt.sign({ sub: user.id }, "Jw7Sx2Kq9Lm4Np8Rt3Vy6Bz1Cd5Fg0Hh", { expiresIn: "1h" });
}

export function joseToken(user) {
  return new SignJWT({ sub: user.id }).setProtectedHeader({ alg: "HS256" }).setIssuedAt().sign(new TextEncoder().encode("Mk3Lp8Qr2St7Uv4Wx9Yz1Ab6Cd0Ef5Gh"));
}

// A library passes the key in: nothing to report.
export function libraryHmac(alg, key, data) {
  return createHmac(alg, key).update(data).digest();
}
// BIP32's fixed HMAC key is a label, not a secret.
export const master = (seed) => createHmac("sha512", "Bitcoin seed").update(seed).digest();
// ECDSA raw keys are public keys.
export const verifyKey = (raw) => crypto.subtle.importKey("raw", raw, { name: "ECDSA", namedCurve: "P-256" }, false, ["verify"]);
