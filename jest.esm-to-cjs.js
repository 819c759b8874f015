/**
 * Jest transform for NestJS 12's published code, which is ESM only ("type": "module").
 * The application itself loads it with Node's require(esm) (Node 20.19+), but Jest runs
 * each test file in its own vm context, where require(esm) works only on Node 24.9+.
 * On the Node 20 this project runs, Jest therefore gets these files as CommonJS: the
 * project's own TypeScript compiles them (JavaScript in, JavaScript out; nothing else is
 * touched). `import.meta.url` (used by @nestjs/common to resolve optional packages) is
 * the one ESM-only expression in them and becomes this file's URL; `import.meta.resolve(x)`
 * (@nestjs/terminus asking whether an optional peer is installed, without loading it)
 * becomes `require.resolve(x)`, the same question asked of CommonJS, and `import.meta.dirname`
 * (its gRPC indicator's default proto path) this file's directory. A module-level
 * `const require = createRequire(import.meta.url)` (@nestjs/swagger's UI) is dropped: as
 * CommonJS the file has its own `require` already, and a second declaration is an error.
 * Can go once the project runs on Node 24.9+.
 */
const { dirname } = require('node:path');
const { pathToFileURL } = require('node:url');
const ts = require('typescript');
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');

// Jest's cache would keep what an older version of this file made: its own text is part of the key.
const SELF = readFileSync(__filename, 'utf8');

module.exports = {
  getCacheKey(source, filename) {
    return createHash('sha256').update(SELF).update(filename).update(source).digest('hex');
  },
  process(source, filename) {
    const code = source
      .replace(/^const require = createRequire\(import\.meta\.url\);$/m, '')
      .replace(/\bimport\.meta\.url\b/g, `${JSON.stringify(pathToFileURL(filename).href)}`)
      .replace(/\bimport\.meta\.resolve\(/g, 'require.resolve(')
      .replace(/\bimport\.meta\.dirname\b/g, JSON.stringify(dirname(filename)));
    const { outputText, sourceMapText } = ts.transpileModule(code, {
      fileName: filename,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, sourceMap: true, inlineSources: true },
    });
    return { code: outputText, map: sourceMapText };
  },
};
