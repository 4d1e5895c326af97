#!/usr/bin/env python3
"""Print the dependency graph of the gold modules, read from their
tryton.cfg, as the Mermaid block and the table of doc/modules.md.

    python scripts/module_graph.py           # print both
    python scripts/module_graph.py --write   # rewrite them in doc/modules.md

tests/test_docs.py checks that doc/modules.md holds what this prints.
"""
import configparser
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / 'doc' / 'modules.md'
BEGIN, END = '<!-- graph: begin -->', '<!-- graph: end -->'
# Tryton's base modules every module may use without saying so in the graph
IMPLIED = {'ir', 'res'}


def modules():
    "{name: (depends, extras_depend)} of modules/*/tryton.cfg"
    result = {}
    for path in sorted(ROOT.glob('modules/*/tryton.cfg')):
        config = configparser.ConfigParser()
        config.read(path)
        result[path.parent.name] = tuple(
            sorted(config.get('tryton', key, fallback='').split())
            for key in ['depends', 'extras_depend'])
    return result


def graph():
    "The Mermaid graph (gold modules) and the table (Tryton's modules)"
    found = modules()
    lines = ['```mermaid', 'graph BT']
    for name, (depends, extras) in found.items():
        gold = [d for d in depends if d in found]
        optional = [d for d in extras if d in found]
        if not gold and not optional:
            lines.append(f'    {name}')
        lines.extend(f'    {name} --> {d}' for d in gold)
        lines.extend(f'    {name} -.-> {d}' for d in optional)
    lines += ['```', '',
        "| module | Tryton's modules it uses | optional (extras_depend) |",
        '|---|---|---|']
    for name, (depends, extras) in found.items():
        tryton = [d for d in depends if d not in found and d not in IMPLIED]
        lines.append(f"| `{name}` | {', '.join(tryton)} | "
            f"{', '.join(extras)} |")
    return '\n'.join(lines)


def main(args):
    block = graph()
    if '--write' in args:
        text = DOC.read_text()
        start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
        DOC.write_text(text[:start] + '\n' + block + '\n' + text[end:])
    else:
        print(block)


if __name__ == '__main__':
    main(sys.argv[1:])
