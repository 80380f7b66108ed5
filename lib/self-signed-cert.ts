/**
 * A throwaway P-256 certificate, built with node:crypto alone: Node can make
 * and sign keys but not certificates, so the few DER structures of an X.509
 * v3 certificate are encoded here. It serves the provider's mTLS and the
 * local data servers' TLS. It names `localhost`, which is the server name
 * Terraform's plugin client checks, and is its own CA, as the plugin client
 * trusts exactly this cert.
 */
import { generateKeyPairSync, randomBytes, sign } from "node:crypto";

function der(tag: number, content: Buffer): Buffer {
  const length = content.length;
  let header: Buffer;
  if (length < 0x80) header = Buffer.from([tag, length]);
  else if (length < 0x100) header = Buffer.from([tag, 0x81, length]);
  else header = Buffer.from([tag, 0x82, length >> 8, length & 0xff]);
  return Buffer.concat([header, content]);
}

const sequence = (...items: Buffer[]) => der(0x30, Buffer.concat(items));
const set = (...items: Buffer[]) => der(0x31, Buffer.concat(items));
const octets = (content: Buffer) => der(0x04, content);
const bitString = (content: Buffer) => der(0x03, Buffer.concat([Buffer.from([0]), content]));
const explicit = (n: number, content: Buffer) => der(0xa0 + n, content);
const utf8 = (text: string) => der(0x0c, Buffer.from(text, "utf8"));
const TRUE = Buffer.from([0x01, 0x01, 0xff]);

function integer(content: Buffer): Buffer {
  return der(0x02, content[0] & 0x80 ? Buffer.concat([Buffer.from([0]), content]) : content);
}

function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split(".").map(Number);
  const bytes = [a * 40 + b];
  for (const n of rest) {
    const chunk = [n & 0x7f];
    for (let v = n >> 7; v > 0; v >>= 7) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return der(0x06, Buffer.from(bytes));
}

function utcTime(date: Date): Buffer {
  const text = date.toISOString().replace(/[-:T]/g, "").slice(2, 14) + "Z";
  return der(0x17, Buffer.from(text, "ascii"));
}

const ECDSA_WITH_SHA256 = sequence(oid("1.2.840.10045.4.3.2"));

function extension(id: string, value: Buffer, critical = false): Buffer {
  return sequence(oid(id), ...(critical ? [TRUE] : []), octets(value));
}

/** A random positive serial whose first byte is neither 0 nor high: DER integers must be minimal (internal helper). */
function serialNumber(): Buffer {
  const serial = randomBytes(16);
  serial[0] = (serial[0] & 0x3f) | 0x40;
  return serial;
}

export interface SelfSignedCert {
  readonly certPem: string;
  readonly keyPem: string;
  /** The certificate's DER bytes, which the handshake line carries. */
  readonly certDer: Buffer;
}

export function selfSignedCert(hours = 24): SelfSignedCert {
  const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const name = sequence(set(sequence(oid("2.5.4.3"), utf8("localhost"))), set(sequence(oid("2.5.4.10"), utf8("dynoform"))));
  const now = Date.now();
  const tbs = sequence(
    explicit(0, integer(Buffer.from([2]))),
    integer(serialNumber()),
    ECDSA_WITH_SHA256,
    name,
    sequence(utcTime(new Date(now - 60_000)), utcTime(new Date(now + hours * 3_600_000))),
    name,
    publicKey.export({ type: "spki", format: "der" }),
    der(
      0xa3,
      sequence(
        extension("2.5.29.15", bitString(Buffer.from([0x84])), true), // digitalSignature, keyCertSign
        extension("2.5.29.37", sequence(oid("1.3.6.1.5.5.7.3.1"), oid("1.3.6.1.5.5.7.3.2"))), // server and client auth
        extension("2.5.29.19", sequence(TRUE), true), // a CA: it is its own trust root
        extension("2.5.29.17", sequence(der(0x82, Buffer.from("localhost")))), // DNS name
      ),
    ),
  );
  const certDer = sequence(tbs, ECDSA_WITH_SHA256, bitString(sign("sha256", tbs, privateKey)));
  const base64 = certDer.toString("base64").replace(/(.{64})/g, "$1\n");
  return {
    certDer,
    certPem: `-----BEGIN CERTIFICATE-----\n${base64.trimEnd()}\n-----END CERTIFICATE-----\n`,
    keyPem: privateKey.export({ type: "pkcs8", format: "pem" }) as string,
  };
}
