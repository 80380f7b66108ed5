import { X509Certificate } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decodeValue, encodeValue, UNKNOWN, isUnknown, valuesEqual, type CtyType } from "../../provider/protocol/cty";
import { Diagnostic, PlanResourceChangeResponse, Schema } from "../../provider/protocol/messages";
import { decode, encode } from "../../provider/protocol/protobuf";
import { blockType, SCHEMAS, schemaMessage } from "../../provider/protocol/schema";
import { selfSignedCert } from "../../lib/self-signed-cert";

describe("protobuf codec", () => {
  it("encodes fields as the wire format defines them", () => {
    // GIVEN a diagnostic with an enum, a string and a nested path
    const message = { severity: 1, summary: "hi", attribute: { steps: [{ attribute_name: "a" }, { element_key_int: 2 }] } };
    // WHEN it is encoded
    const bytes = encode(Diagnostic, message);
    // THEN tags, lengths and varints are where protobuf puts them
    expect(bytes.subarray(0, 6).toString("hex")).toBe("0801" + "1202" + Buffer.from("hi").toString("hex"));
    expect(decode(Diagnostic, bytes)).toEqual(message);
  });

  it("round-trips maps, repeated messages, booleans and 64-bit numbers", () => {
    const response = {
      planned_state: { msgpack: Buffer.from([0x80]) },
      requires_replace: [{ steps: [{ attribute_name: "region" }] }, { steps: [{ element_key_string: "k" }] }],
      legacy_type_system: true,
      diagnostics: [{ severity: 2, summary: "w", detail: "d" }],
    };
    expect(decode(PlanResourceChangeResponse, encode(PlanResourceChangeResponse, response))).toEqual(response);
    const schema = schemaMessage(SCHEMAS.resource_schemas.heroku_app);
    const back = decode(Schema, encode(Schema, schema)) as { block: { attributes: { name: string }[] } };
    expect(back.block.attributes.map((a) => a.name)).toContain("sensitive_config_vars");
  });

  it("writes a varint of every size the same way on its small-number path and its 64-bit path", () => {
    // GIVEN int64 values around each byte boundary, the largest safe integer, and negatives (ten bytes, two's complement)
    const values = [1, 127, 128, 16_383, 16_384, 2 ** 31, 2 ** 35 + 7, Number.MAX_SAFE_INTEGER, -1, -300];
    for (const value of values) {
      // WHEN each is written as a number and as a bigint
      const asNumber = encode(Schema, { version: value });
      const asBigint = encode(Schema, { version: BigInt(value) });
      // THEN the bytes agree, and they read back as the number
      expect(asNumber.equals(asBigint), String(value)).toBe(true);
      expect(decode(Schema, asNumber).version).toBe(value);
    }
    // AND a negative takes the ten bytes the wire format prescribes
    expect(encode(Schema, { version: -1 }).length).toBe(11);
  });

  it("skips fields it does not know, as protobuf readers must", () => {
    // field 9 (varint) and field 10 (bytes) are not in the Diagnostic descriptor
    const unknown = Buffer.from([0x48, 0x05, 0x52, 0x01, 0x41]);
    const bytes = Buffer.concat([unknown, encode(Diagnostic, { summary: "kept" })]);
    expect(decode(Diagnostic, bytes)).toEqual({ summary: "kept" });
  });

  it("fails on a truncated message", () => {
    expect(() => decode(Diagnostic, Buffer.from([0x12, 0x05, 0x41]))).toThrow(/truncated/);
  });
});

describe("cty values in msgpack", () => {
  const appType = blockType(SCHEMAS.resource_schemas.heroku_app.block);

  it("writes every attribute of an object, absent ones as null", () => {
    // GIVEN a partial heroku_app value
    const bytes = encodeValue(appType, { name: "a", region: "us" });
    // WHEN Terraform would read it back
    const value = decodeValue(bytes) as Record<string, unknown>;
    // THEN all of the schema's attributes are there
    expect(Object.keys(value).sort()).toEqual(Object.keys((appType as ["object", Record<string, CtyType>])[1]).sort());
    expect(value.config_vars).toBeNull();
    expect(value.organization).toBeNull();
  });

  it("encodes unknown as extension 0 and reads any extension as unknown", () => {
    expect(encodeValue("string", UNKNOWN).toString("hex")).toBe("d40000");
    // a refined unknown (extension type 12) from Terraform 1.11
    expect(isUnknown(decodeValue(Buffer.from("c7020c0102", "hex")))).toBe(true);
  });

  it("keeps null and empty apart", () => {
    const type: CtyType = ["object", { m: ["map", "string"], l: ["list", "string"] }];
    expect(decodeValue(encodeValue(type, { m: {}, l: null }))).toEqual({ m: {}, l: null });
    expect(valuesEqual({}, null)).toBe(false);
    expect(valuesEqual(UNKNOWN, "x")).toBe(false);
  });
});

describe("plugin certificate", () => {
  it("is a self-signed P-256 CA certificate for localhost that verifies", () => {
    const cert = selfSignedCert();
    const x509 = new X509Certificate(cert.certPem);
    expect(x509.subjectAltName).toBe("DNS:localhost");
    expect(x509.ca).toBe(true);
    expect(x509.verify(x509.publicKey)).toBe(true);
    expect(x509.publicKey.asymmetricKeyDetails?.namedCurve).toBe("prime256v1");
    expect(Buffer.compare(x509.raw, cert.certDer)).toBe(0);
  });
});
