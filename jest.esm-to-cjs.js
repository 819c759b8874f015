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
 * (its gRPC indicator's default proto path) this file's directory.
 * Can go once the project runs on Node 24.9+.
 */
const { dirname } = require('node:path');
const { pathToFileURL } = require('node:url');
const ts = require('typescript');

module.exports = {
  process(source, filename) {
    const code = source
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
