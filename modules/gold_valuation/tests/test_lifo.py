"LIFO's pure part, with figures worked by hand"
import unittest
from decimal import Decimal as D

from trytond.modules.gold_valuation import lifo


class LifoTestCase(unittest.TestCase):

    def test_consume_newest_first(self):
        "12 out of 10 at 200 then 5 at 220: all 5 at 220, then 7 at 200"
        layers = [['a', D(10), D(200)], ['b', D(5), D(220)]]
        taken = lifo.consume(layers, D(12))
        self.assertEqual(taken, [('b', D(5), D(220)), ('a', D(7), D(200))])
        self.assertEqual([l[1] for l in layers], [D(3), D(0)])
        # 5 x 220 + 7 x 200 = 2,500 for 12
        self.assertEqual(
            lifo.unit_cost([(q, c) for _, q, c in taken]) * 12, D(2500))

    def test_consume_skips_spent_layers(self):
        layers = [['a', D(3), D(200)], ['b', D(0), D(220)]]
        self.assertEqual(lifo.consume(layers, D(2)), [('a', D(2), D(200))])

    def test_consume_beyond_stock(self):
        "What the layers cannot cover is not taken"
        layers = [['a', D(2), D(200)]]
        self.assertEqual(lifo.consume(layers, D(5)), [('a', D(2), D(200))])
        self.assertEqual(lifo.consume(layers, D(1)), [])

    def test_unit_cost_empty(self):
        self.assertIsNone(lifo.unit_cost([]))

    def test_average(self):
        # 10 at 200, then 5 at 220: 3,100 / 15
        self.assertEqual(
            lifo.average(D(200), D(10), D(220), D(5)), D(3100) / D(15))
        # 3 left of 15 at 206.6667 after 12 out at 2,500 / 12
        self.assertEqual(
            lifo.average(D('206.6667'), D(15), D(2500) / D(12), D(-12)),
            (D('3100.0005') - D(2500)) / D(3))
        # nothing left: the cost stays; nothing before: the unit cost
        self.assertEqual(lifo.average(D(200), D(5), D(300), D(-5)), D(200))
        self.assertEqual(lifo.average(D(0), D(0), D(220), D(5)), D(220))
        # negative stock coming back: the incoming unit cost
        self.assertEqual(lifo.average(D(200), D(-2), D(210), D(5)), D(210))


if __name__ == '__main__':
    unittest.main()
