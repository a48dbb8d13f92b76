// Validates BioBridge's OpenAPI document with an independent validator
// (@apidevtools/swagger-parser: the OpenAPI 3.0 schema plus every $ref).
// Usage: node tests/openapi/validate.mjs src/api/openapi.json
import SwaggerParser from "@apidevtools/swagger-parser";

const file = process.argv[2];
if (!file) {
  console.error("usage: validate.mjs OPENAPI.json");
  process.exit(2);
}
try {
  const api = await SwaggerParser.validate(file);
  const operations = Object.values(api.paths).reduce(
    (n, item) => n + Object.keys(item).filter((k) => k !== "parameters").length, 0);
  console.log(`valid OpenAPI ${api.openapi}: ${Object.keys(api.paths).length} paths, ${operations} operations`);
} catch (error) {
  console.error(`invalid OpenAPI document ${file}: ${error.message}`);
  process.exit(1);
}
