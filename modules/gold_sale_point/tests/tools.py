"""Helpers for counter scenarios: a shop with the jewellery chart, today's
gold rates, 22K bangles in stock as tagged pieces and a counter with its
payment methods"""
from decimal import Decimal
from types import SimpleNamespace

from proteus import Model

from trytond.modules.account.tests.tools import create_fiscalyear
from trytond.modules.account_invoice.tests.tools import (
    set_fiscalyear_invoice_sequences)
from trytond.modules.gold_account.tests.tools import create_jewellery_chart
from trytond.modules.gold_rate.tests.tools import create_gold, enter_rates

__all__ = ['create_counter_shop', 'race']

# name, account code, kind
PAYMENT_METHODS = [
    ("Cash", '11001', 'cash'),
    ("Card", '11003', 'card'),
    ("UPI", '11004', 'upi'),
    ("Cheque", '11005', 'cheque'),
    ]


def account(code, config=None):
    Account = Model.get('account.account', config=config)
    record, = Account.find([('code', '=', code)])
    return record


def create_counter_shop(company, pieces=3, gross_weight='10.000',
        recipient_threshold=None, config=None):
    """Set up company's shop: gold at 75,000 (sell) and 73,000 (buy) per
    10 g of 24K, a 22K bangle template (making 12%, hallmark 45, GST 3%)
    with pieces tagged T0001... in stock (cost 65,000.00 each; category
    stock account 13001, cost of goods sold 41001), and "Counter 1" with the
    payment methods of PAYMENT_METHODS; it takes old gold as "Old Gold" by
    the gram into the "Old Gold" location, at account 13002. Its bills
    need no named customer unless recipient_threshold is given (the
    counter's default is 50,000: scenario_counter_recipient.rst)"""
    Category = Model.get('product.category', config=config)
    Inventory = Model.get('stock.inventory', config=config)
    Journal = Model.get('account.journal', config=config)
    Location = Model.get('stock.location', config=config)
    Lot = Model.get('stock.lot', config=config)
    POS = Model.get('sale.point', config=config)
    PaymentMethod = Model.get('sale.point.payment.method', config=config)
    Sequence = Model.get('ir.sequence', config=config)
    SequenceStrict = Model.get('ir.sequence.strict', config=config)
    SequenceType = Model.get('ir.sequence.type', config=config)
    Tax = Model.get('account.tax', config=config)
    Template = Model.get('product.template', config=config)
    Uom = Model.get('product.uom', config=config)

    create_jewellery_chart(company, config=config)
    fiscalyear = set_fiscalyear_invoice_sequences(
        create_fiscalyear(company, config=config), config=config)
    fiscalyear.click('create_period')

    gold, purities = create_gold(config=config)
    enter_rates(gold, 75000, 73000, config=config)

    gst, = Tax.find([('name', '=', 'GST 3%'), ('parent', '=', None)])
    category = Category(name="Jewellery", accounting=True)
    category.account_revenue = account('51001', config)
    category.account_expense = account('41001', config)
    category.account_stock = account('13001', config)
    category.customer_taxes.append(gst)
    category.save()
    tag_type, = SequenceType.find([('name', '=', "Stock Lot")])
    tags = Sequence(name="Tags", sequence_type=tag_type, prefix='T',
        padding=4, company=None)
    tags.save()
    unit, = Uom.find([('name', '=', 'Unit')])
    template = Template(name="22K Bangle", type='goods', default_uom=unit)
    template.account_category = category
    template.gold_metal = gold
    template.gold_purity = purities['22K']
    template.gold_sale_mode = 'tagged'
    template.gold_making_mode = 'percent'
    template.gold_making_value = Decimal('12')
    template.gold_hallmark_charge = Decimal('45')
    template.lot_sequence = tags
    template.lot_required = ['storage', 'customer']
    template.salable = True
    template.save()
    bangle, = template.products

    storage, = Location.find([('code', '=', 'STO')])
    customer_loc, = Location.find([('code', '=', 'CUS')])
    lots = []
    for i in range(pieces):
        # a HUID has 6 characters: BNG001... BNG999, then B01000...
        huid = 'BNG%03d' % (i + 1) if i < 999 else 'B%05d' % (i + 1)
        lot = Lot(product=bangle, gold_gross_weight=Decimal(gross_weight),
            gold_huid=huid, gold_cost_price=Decimal('65000.00'))
        lot.save()
        lots.append(lot)
    if lots:
        inventory = Inventory(location=storage)
        for lot in lots:
            inventory.lines.new(product=bangle, lot=lot, quantity=1)
        inventory.click('confirm')

    gram, = Uom.find([('name', '=', 'Gram')])
    old = Template(name="Old Gold", type='goods', default_uom=gram)
    old.save()
    gold.old_product, = old.products
    gold.save()
    warehouse, = Location.find([('code', '=', 'WH')])
    old_location = Location(
        name="Old Gold", type='storage', parent=warehouse.storage_location)
    old_location.save()

    journal, = Journal.find([('type', '=', 'revenue')], limit=1)
    pos = POS(name="Counter 1", journal=journal)
    pos.sequence = SequenceStrict(name="Counter 1", company=company)
    pos.sequence.sequence_type, = SequenceType.find([('name', '=', "POS")])
    pos.sequence.save()
    pos.storage_location = storage
    pos.return_location = storage
    pos.customer_location = customer_loc
    pos.gold_round_off_account = account('44001', config)
    pos.gold_old_location = old_location
    pos.gold_old_account = account('13002', config)
    pos.gold_recipient_threshold = recipient_threshold
    pos.save()
    methods = {}
    for name, code, kind in PAYMENT_METHODS:
        method = PaymentMethod(name=name, gold_kind=kind)
        method.account = account(code, config)
        method.save()
        methods[name] = method
    return SimpleNamespace(
        gold=gold, purities=purities, category=category, bangle=bangle,
        pieces=lots, storage=storage, old_location=old_location, pos=pos,
        methods=methods)


def _client_request(user, context, write, before, after=None, release=None,
        timeout=20):
    """Run write() as a client request does: restart when Tryton or the
    database asks for it, like the RPC dispatcher. before is set just before
    write, after once it returned; when release is given, keep the
    transaction open until it is set and a moment more. Return the error,
    if any."""
    import time

    from trytond import backend
    from trytond.tests.test_tryton import DB_NAME
    from trytond.transaction import Transaction, TransactionError

    extras = {}
    for _ in range(50):
        try:
            with Transaction().start(
                    DB_NAME, user, context=context,
                    **extras) as transaction:
                try:
                    before.set()
                    write()
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
                    release.wait(timeout)
                    # the other request is writing the same thing now
                    time.sleep(0.5)
                transaction.commit()
                return None
        except backend.DatabaseOperationalError:
            time.sleep(0.2)
    return RuntimeError("gave up")


def race(user, context, first, second, timeout=20):
    """Run the writes first and second as two client requests on two
    connections: second starts once first has written and before first
    commits. Return {'first': error, 'second': error} (None when done)."""
    import threading

    first_start, first_added = threading.Event(), threading.Event()
    second_start = threading.Event()
    results = {}

    def run_first():
        results['first'] = _client_request(
            user, context, first, first_start, after=first_added,
            release=second_start, timeout=timeout)

    def run_second():
        first_added.wait(timeout)
        results['second'] = _client_request(
            user, context, second, second_start, timeout=timeout)

    threads = [threading.Thread(target=f) for f in [run_first, run_second]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(2 * timeout)
    return results
