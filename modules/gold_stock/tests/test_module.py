from types import SimpleNamespace

from trytond.pool import Pool
from trytond.tests.test_tryton import ModuleTestCase, with_transaction


def move(from_type, to_type):
    return SimpleNamespace(
        from_location=SimpleNamespace(type=from_type),
        to_location=SimpleNamespace(type=to_type))


class GoldStockTestCase(ModuleTestCase):
    "Test Gold Stock module"
    module = 'gold_stock'

    @with_transaction()
    def test_movement_kinds(self):
        "In from purchases and sale returns, out to sales and purchase returns"
        Move = Pool().get('stock.move')
        for from_type, to_type, kind in [
                ('supplier', 'storage', 'purchase'),
                ('storage', 'supplier', 'purchase_return'),
                ('storage', 'customer', 'sale'),
                ('customer', 'storage', 'sale_return'),
                ('storage', 'storage', 'transfer'),
                ('storage', 'transit', 'transfer'),
                ('lost_found', 'storage', 'inventory'),
                ('storage', 'lost_found', 'inventory'),
                ('storage', 'production', 'production'),
                ]:
            with self.subTest(from_type=from_type, to_type=to_type):
                self.assertEqual(
                    Move.get_gold_movement(move(from_type, to_type), None),
                    kind)


del ModuleTestCase
