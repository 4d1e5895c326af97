"""The documentation says what the code is: the dependency graph of
doc/modules.md is the one the tryton.cfg files give, every module has its
doc pages, every link of a page leads to a file of the repository, and no
page or comment points outside it (a tracker's issue number, a file of
the workplace)."""
import re
import sys
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / 'scripts'))
import module_graph  # noqa: E402

PAGES = ['index.md', 'configuration.md', 'usage.md', 'design.md']
STALE = re.compile(
    r'\bissue #?\d+\b(?!\.\d)|\.\./shared|DOMAIN\.md|wave2\.md', re.IGNORECASE)
LINK = re.compile(r'\]\(([^)#\s]+)(?:#[^)]*)?\)')


def files(*patterns):
    "The repository's files matching any of patterns, each once"
    found = {p for pattern in patterns for p in ROOT.glob(pattern)}
    for path in sorted(found):
        if not ({'.venv', 'var', 'node_modules', 'build'}
                & set(path.relative_to(ROOT).parts)):
            yield path


class DocsTestCase(unittest.TestCase):

    def test_graph(self):
        "doc/modules.md holds the graph scripts/module_graph.py draws"
        text = (ROOT / 'doc' / 'modules.md').read_text()
        start = text.index(module_graph.BEGIN) + len(module_graph.BEGIN)
        end = text.index(module_graph.END)
        self.assertEqual(text[start:end].strip(), module_graph.graph(),
            "run python scripts/module_graph.py --write")

    def test_graph_read(self):
        "The graph is read from tryton.cfg: a known edge and a known extra"
        graph = module_graph.graph()
        self.assertIn('gold_product --> gold_rate', graph)
        self.assertIn('gold_ledger -.-> gold_purchase', graph)

    def test_readme_graph(self):
        "The README's short graph has only edges of the real one"
        edges = set(re.findall(r'^    (\S+ -\.?-> \S+)$',
                module_graph.graph(), re.MULTILINE))
        readme = (ROOT / 'README.md').read_text()
        block = readme[readme.index('```mermaid'):]
        block = block[:block.index('```', 3)]
        shown = re.findall(r'^    (\S+ -\.?-> \S+)$', block, re.MULTILINE)
        self.assertTrue(shown)
        self.assertEqual([e for e in shown if e not in edges], [])

    def test_module_pages(self):
        "Every module has its doc pages, each listed in the module table"
        table = (ROOT / 'doc' / 'modules.md').read_text()
        for cfg in sorted(ROOT.glob('modules/*/tryton.cfg')):
            name = cfg.parent.name
            for page in PAGES:
                with self.subTest(module=name, page=page):
                    path = cfg.parent / 'doc' / page
                    self.assertTrue(path.exists(), f"{path} is missing")
                    self.assertGreater(len(path.read_text().split()), 30)
            self.assertIn(f'`{name}`', table)

    def test_links(self):
        "Every relative link of a page leads to a file"
        for page in files('*.md', 'doc/*.md', 'modules/*/doc/*.md',
                'bench/*.md'):
            for target in LINK.findall(page.read_text()):
                if '://' in target or target.startswith('mailto:'):
                    continue
                with self.subTest(page=str(page.relative_to(ROOT)),
                        target=target):
                    self.assertTrue((page.parent / target).exists())

    def test_no_stale_reference(self):
        "No page, comment or test points to an issue or a file outside"
        found = []
        for path in files('*.md', '**/*.md', '**/*.py', '**/*.rst',
                '**/*.mjs', '**/*.xml', '**/*.cfg'):
            if path == Path(__file__):
                continue
            for number, line in enumerate(
                    path.read_text(errors='replace').splitlines(), 1):
                if STALE.search(line):
                    found.append(
                        f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
        self.assertEqual(found, [])
