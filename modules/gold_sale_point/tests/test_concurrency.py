"""Two counters scan the same piece at the same moment, on two PostgreSQL
connections: the piece is sold once."""
import unittest
from decimal import Decimal

from proteus import Model

from trytond import backend
from trytond.modules.company.tests.tools import create_company, get_company
from trytond.pool import Pool
from trytond.tests.test_tryton import DB_NAME, drop_db
from trytond.tests.tools import activate_modules
from trytond.transaction import Transaction

from .tools import create_counter_shop, race


@unittest.skipIf(backend.name != 'postgresql',
    "SQLite serialises writers on the database file")
class CounterConcurrencyTestCase(unittest.TestCase):
    "Two connections add the same piece to two bills"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # as a scenario's tear-down does: the pool's connections closed and
        # the caches dropped, or the next set-up restores a database under
        # them
        cls.addClassCleanup(drop_db)
        config = activate_modules(
            ['gold_sale_point', 'gold_account'], create_company)
        shop = create_counter_shop(get_company(), pieces=1)
        Sale = Model.get('sale.point.sale')
        cls.sales = []
        for _ in range(2):
            sale = Sale(point=shop.pos)
            sale.save()
            cls.sales.append(sale.id)
        cls.piece = shop.pieces[0].id
        cls.product = shop.bangle.id
        cls.user = config.user
        cls.context = config._context

    def add_piece(self, sale):
        "Return the write of a line of the piece on sale"
        def write():
            Line = Pool(DB_NAME).get('sale.point.sale.line')
            Line.create([{
                        'sale': sale,
                        'product': self.product,
                        'lot': self.piece,
                        'quantity': 1,
                        'unit_list_price': Decimal('76989.00'),
                        'unit_gross_price': Decimal('79298.68'),
                        }])
        return write

    def test_piece_sold_once(self):
        """The second counter writes the piece while the first has not
        committed: it waits for the first and then is refused"""
        results = race(self.user, self.context,
            self.add_piece(self.sales[0]), self.add_piece(self.sales[1]))

        self.assertIsNone(results['first'])
        # refused by the unique open piece (the first had not committed when
        # the second checked), or by the check once the first committed
        self.assertIn(
            type(results['second']).__name__,
            {'SQLConstraintError', 'PieceUnavailableError'},
            msg=results['second'])
        self.assertRegex(str(results['second']),
            r'already on (another open bill|bill)')
        with Transaction().start(DB_NAME, self.user, context=self.context):
            Line = Pool().get('sale.point.sale.line')
            lines = Line.search([('lot', '=', self.piece)])
            self.assertEqual([l.sale.id for l in lines], self.sales[:1])
