// Parses Bicep and .bicepparam files with tree-sitter-bicep (WebAssembly, run by web-tree-sitter) and writes
// one JSON document to stdout: { "grammar": {...}, "files": [ { "path", "tree" } ] }.
// Usage: node parse-bicep.mjs <node-tools-dir> <file>...   (node-tools-dir holds node_modules)
// One process parses every file: loading the grammar costs far more than parsing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [toolsDir, ...files] = process.argv.slice(2);
if (!toolsDir || files.length === 0) {
  console.error('usage: node parse-bicep.mjs <node-tools-dir> <file>...');
  process.exit(2);
}

const modules = join(toolsDir, 'node_modules');
const { Parser, Language } = await import(pathToFileURL(join(modules, 'web-tree-sitter', 'web-tree-sitter.js')).href);
await Parser.init();
const language = await Language.load(join(modules, 'tree-sitter-bicep', 'tree-sitter-bicep.wasm'));
const parser = new Parser();
parser.setLanguage(language);

// tree-sitter-bicep 1.1.0 has no rule for the untyped `param name = value` of .bicepparam files. The keyword is
// replaced by `var  ` (same length, so every position stays true) and the resulting declarations are reported
// as `parameter_assignment`; the value expression is still parsed by the real grammar.
const paramAssignment = /^([ \t]*)param(?=[ \t]+[A-Za-z_][A-Za-z0-9_]*[ \t]*=)/gm;

// Keywords worth keeping although tree-sitter reports them as anonymous tokens.
const keptKeywords = new Set(['existing']);

function toJson(cursor, rewrittenRows) {
  const node = cursor.currentNode;
  let type = node.type;
  if (type === 'variable_declaration' && rewrittenRows.has(node.startPosition.row)) {
    type = 'parameter_assignment';
  }
  const out = { t: type, r: node.startPosition.row + 1, c: node.startPosition.column + 1 };
  const field = cursor.currentFieldName;
  if (field) out.f = field;
  if (node.isMissing) out.m = 1;
  const children = [];
  if (cursor.gotoFirstChild()) {
    do {
      const child = cursor.currentNode;
      if (child.isNamed || child.isMissing || keptKeywords.has(child.type) || cursor.currentFieldName === 'operator') {
        children.push(toJson(cursor, rewrittenRows));
      }
    } while (cursor.gotoNextSibling());
    cursor.gotoParent();
  }
  if (children.length > 0) out.k = children;
  // Leaves carry their text; strings carry their whole source text (quotes included) for literal decoding.
  if (children.length === 0 || type === 'string') out.x = node.text;
  return out;
}

const result = { grammar: { abi: language.abiVersion ?? language.version }, files: [] };
for (const path of files) {
  let source = readFileSync(path, 'utf8');
  const rewrittenRows = new Set();
  if (path.endsWith('.bicepparam')) {
    source = source.replace(paramAssignment, (match, indent, offset) => {
      rewrittenRows.add(source.slice(0, offset).split('\n').length - 1);
      return `${indent}var  `;
    });
  }
  const tree = parser.parse(source);
  const cursor = tree.walk();
  result.files.push({ path, tree: toJson(cursor, rewrittenRows) });
  // Free the cursor before its tree: a cursor left to the finalizer would touch the freed tree.
  cursor.delete();
  tree.delete();
}
process.stdout.write(JSON.stringify(result));
