// Test oracle for the VEX writers: validates every document in a folder with the reference tools
// installed from npm under $MAMORI_CSAF_ORACLE/node_modules.
//   *.csaf.json       @secvisogram/csaf-validator-lib: strict CSAF 2.0 schema + every mandatory test
//   *.cyclonedx.json  ajv against the CycloneDX 1.6 JSON schema shipped by @cyclonedx/cyclonedx-library
//   *.openvex.json    ajv (JSON Schema 2020-12) against the OpenVEX 0.2.0 schema file given
// Usage: node validate.mjs ORACLE_DIR DOCS_DIR [OPENVEX_SCHEMA]. Prints one line per document and
// a closing count; exits 1 if any document has an error.
import { readFileSync, readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

const [oracle, docs, openvexSchema] = process.argv.slice(2)
const modules = join(oracle, 'node_modules')
const lib = (p) => import(pathToFileURL(join(modules, '@secvisogram/csaf-validator-lib', p)).href)
const validateStrict = (await lib('validateStrict.js')).default
const mandatory = await lib('mandatoryTests.js')
const { csaf_2_0_strict } = await lib('schemaTests.js')
const csafTests = [csaf_2_0_strict, ...Object.values(mandatory)]

const require = createRequire(join(modules, 'ajv', 'package.json'))
const Ajv = require('ajv').default
const addFormats = require('ajv-formats').default
const schemaDir = join(modules, '@cyclonedx/cyclonedx-library/res/schema')
const readSchema = (name) => JSON.parse(readFileSync(join(schemaDir, name), 'utf8'))
const ajv = new Ajv({ allErrors: true, strict: false })
addFormats(ajv)
// Formats the CycloneDX schema names that ajv-formats does not define; checked as any string.
for (const f of ['iri-reference', 'idn-email']) ajv.addFormat(f, true)
// The bom schema refers to its neighbours by their file names, not their $id.
for (const [file, key] of [
  ['spdx.SNAPSHOT.schema.json', 'http://cyclonedx.org/schema/spdx.SNAPSHOT.schema.json'],
  ['jsf-0.82.SNAPSHOT.schema.json', 'http://cyclonedx.org/schema/jsf-0.82.SNAPSHOT.schema.json'],
]) {
  const s = readSchema(file)
  delete s.$id
  ajv.addSchema(s, key)
}
const cdx = ajv.compile(readSchema('bom-1.6.SNAPSHOT.schema.json'))

let openvex = null
if (openvexSchema) {
  const Ajv2020 = require('ajv/dist/2020').default
  const ajv2020 = new Ajv2020({ allErrors: true, strict: false })
  addFormats(ajv2020)
  // `iri` is not an ajv-formats format; IRIs are checked as any string.
  ajv2020.addFormat('iri', true)
  openvex = ajv2020.compile(JSON.parse(readFileSync(openvexSchema, 'utf8')))
}

let passed = 0
let failed = 0
for (const name of readdirSync(docs).sort()) {
  const doc = JSON.parse(readFileSync(join(docs, name), 'utf8'))
  let errors = []
  if (name.endsWith('.csaf.json')) {
    const result = await validateStrict(csafTests, doc)
    for (const t of result.tests) {
      for (const e of t.errors) errors.push(`${t.name} ${e.instancePath}: ${e.message}`)
    }
  } else if (name.endsWith('.cyclonedx.json')) {
    if (!cdx(doc)) errors = cdx.errors.map((e) => `schema ${e.instancePath}: ${e.message}`)
  } else if (name.endsWith('.openvex.json') && openvex) {
    if (!openvex(doc)) errors = openvex.errors.map((e) => `schema ${e.instancePath}: ${e.message}`)
  } else {
    continue
  }
  if (errors.length === 0) {
    passed++
    console.log(`accepted ${name}`)
  } else {
    failed++
    console.log(`rejected ${name}`)
    for (const e of errors) console.log(`  ${e}`)
  }
}
console.log(`oracle: ${passed} accepted, ${failed} rejected`)
process.exit(failed === 0 && passed > 0 ? 0 : 1)
