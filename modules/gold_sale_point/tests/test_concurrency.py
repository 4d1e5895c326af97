"""Two counters scan the same piece at the same moment, on two PostgreSQL
connections: the piece is sold once."""
import threading
import time
from decimal import Decimal
import unittest

from proteus import Model

from trytond import backend
from trytond.modules.company.tests.tools import create_company, get_company
from trytond.pool import Pool
from trytond.tests.test_tryton import DB_NAME
from trytond.tests.tools import activate_modules
from trytond.transaction import Transaction, TransactionError

from .tools import create_counter_shop

TIMEOUT = 20


@unittest.skipIf(backend.name != 'postgresql',
    "SQLite serialises writers on the database file")
class CounterConcurrencyTestCase(unittest.TestCase):
    "Two connections add the same piece to two bills"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
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

    def add_piece(self, sale, before, after=None, release=None):
        """Add the piece to sale as a client request does: restart when
        Tryton or the database asks for it, like the RPC dispatcher. before
        is set just before the line is written, after once it is written;
        when release is given, keep the transaction open until it is set
        and a moment more. Return the error, if any."""
        Line = Pool(DB_NAME).get('sale.point.sale.line')
        extras = {}
        for _ in range(50):
            try:
                with Transaction().start(
                        DB_NAME, self.user, context=self.context,
                        **extras) as transaction:
                    try:
                        before.set()
                        Line.create([{
                                    'sale': sale,
                                    'product': self.product,
                                    'lot': self.piece,
                                    'quantity': 1,
                                    'unit_list_price': Decimal('76989.00'),
                                    'unit_gross_price': Decimal('79298.68'),
                                    }])
                    except TransactionError as e:
                        transaction.rollback()
                        e.fix(extras)
                        continue
                    except Exception as e:
                        transaction.rollback()
                        return e
                    if after is not None:
                        after.set()
                    if release is not None:
                        release.wait(TIMEOUT)
                        # the other counter is writing the same piece now
                        time.sleep(0.5)
                    transaction.commit()
                    return None
            except backend.DatabaseOperationalError:
                time.sleep(0.2)
        return RuntimeError("gave up")

    def test_piece_sold_once(self):
        """The second counter writes the piece while the first has not
        committed: it waits for the first and then is refused"""
        first_start, first_added = threading.Event(), threading.Event()
        second_start = threading.Event()
        results = {}

        def first():
            results['first'] = self.add_piece(
                self.sales[0], first_start, after=first_added,
                release=second_start)

        def second():
            first_added.wait(TIMEOUT)
            results['second'] = self.add_piece(self.sales[1], second_start)

        threads = [threading.Thread(target=f) for f in [first, second]]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(2 * TIMEOUT)

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
