#!/usr/bin/env python3
"""Load the demo shop into an initialised database through proteus.

Idempotent: what exists is kept, so running it again changes nothing but
this morning's rates, which are entered when today has none. A new shop
gets a year of trade (demo_history.py).

    python scripts/demo_data.py -c config/trytond.conf -d demo
"""
import argparse
import datetime as dt
import sys
from decimal import Decimal

from proteus import Model, Wizard
from proteus import config as proteus_config

from trytond.modules.gold_account.tests.tools import create_jewellery_chart

from demo_history import generate as generate_history
from demo_history import history_start

D = Decimal
COMPANY_NAME = "Swarna Jewellers"
TAG_PREFIX = 'SJ'

METALS = [
    # code, name, quote weight (g), [(name, karat, fineness, factor, HSN)]
    ('gold', "Gold", D(10), [
            ('24K', 24, 999, D('0.999'), '7108'),
            ('22K', 22, 916, D('0.916'), '7113'),
            ('18K', 18, 750, D('0.750'), '7113'),
            ('14K', 14, 585, D('0.585'), '7113'),
            ]),
    ('silver', "Silver", D(1000), [
            ('999', None, 999, D('0.999'), '7106'),
            ('925', None, 925, D('0.925'), '7113'),
            ]),
    ('platinum', "Platinum", D(1), [
            ('Pt', None, 950, D('0.950'), '7110'),
            ]),
    ]
# Morning board as quoted: metal code -> (sell, buy) per quote weight
RATES = {
    'gold': (D('78500'), D('76900')),
    'silver': (D('95000'), D('92000')),
    'platinum': (D('3200'), D('3000')),
    }
TAGGED = [
    # name, metal, purity, making (mode, value), wastage (mode, value),
    # hallmark charge, hallmarked
    ("22K Plain Bangle", 'gold', '22K', ('percent', D(12)), None, D(45), True),
    ("22K Rope Chain", 'gold', '22K', ('per_gram_net', D(450)),
        ('percent_weight', D(3)), D(45), True),
    ("22K Ladies Ring", 'gold', '22K', ('percent', D(14)), None, D(45), True),
    ("18K Diamond Ring", 'gold', '18K', ('per_piece', D(2500)), None,
        D(45), True),
    ("14K Stud Earrings", 'gold', '14K', ('percent', D(15)), None, D(45),
        True),
    ("925 Silver Anklet", 'silver', '925', ('per_gram_gross', D(25)), None,
        D(0), False),
    ("Platinum Band", 'platinum', 'Pt', ('percent', D(10)), None, D(0),
        False),
    ]
BY_WEIGHT = [
    ("24K Gold Bullion", 'gold', '24K', ('fixed', D(0))),
    ("999 Silver Bar", 'silver', '999', ('fixed', D(0))),
    ]
CUSTOMERS = [
    ("Walk-in Customer", None, None),
    ("Ananya Iyer", "Chennai", "+91 98400 11223"),
    ("Rahul Mehta", "Mumbai", "+91 98200 44556"),
    ("Fatima Sheikh", "Hyderabad", "+91 99890 77889"),
    ("Gurpreet Singh", "Amritsar", "+91 98140 22334"),
    ]
SUPPLIERS = [
    ("Shree Bullion Traders", "Mumbai", "+91 22 2342 1100"),
    ("Kolkata Karigar Works", "Kolkata", "+91 33 2241 5566"),
    ("Titan Company Ltd", "Bengaluru", "+91 80 6704 7000"),
    ]
# city -> the state (ISO 3166-2:IN) it is in
STATES = {
    "Mumbai": ('IN-MH', "Maharashtra"),
    "Chennai": ('IN-TN', "Tamil Nadu"),
    "Hyderabad": ('IN-TG', "Telangana"),
    "Amritsar": ('IN-PB', "Punjab"),
    "Kolkata": ('IN-WB', "West Bengal"),
    "Bengaluru": ('IN-KA', "Karnataka"),
    }


def get_or_create(model, domain, **values):
    Model_ = Model.get(model)
    records = Model_.find(domain, limit=1)
    if records:
        return records[0], False
    record = Model_(**values)
    record.save()
    return record, True


def setup_company():
    Company = Model.get('company.company')
    Party = Model.get('party.party')
    User = Model.get('res.user')
    companies = Company.find([])
    if companies:
        return companies[0]
    inr, _ = get_or_create(
        'currency.currency', [('code', '=', 'INR')],
        name="Indian Rupee", code='INR', symbol='₹', rounding=D('0.01'),
        digits=2)
    party = Party(name=COMPANY_NAME)
    address = party.addresses[0]
    address.street = "12 Zaveri Bazaar"
    address.city = "Mumbai"
    party.save()
    company_config = Wizard('company.company.config')
    company_config.execute('company')
    company = company_config.form
    company.party = party
    company.currency = inr
    company.timezone = 'Asia/Kolkata'
    company_config.execute('add')
    proteus_config.get_config()._context = User.get_preferences(True, {})
    company, = Company.find([])
    return company


def setup_identity(company):
    """The shop is in Maharashtra with its GSTIN; the Indian GSTIN is
    offered as a party identifier (a customer's PAN has its own encrypted
    field, gold_compliance)"""
    Country = Model.get('country.country')
    PartyConfiguration = Model.get('party.configuration')
    Subdivision = Model.get('country.subdivision')
    party_config = PartyConfiguration(1)
    if party_config.identifier_types:
        missing = tuple(t for t in ('in_vat',)
            if t not in party_config.identifier_types)
        if missing:
            party_config.identifier_types += missing
            party_config.save()
    india, _ = get_or_create(
        'country.country', [('code', '=', 'IN')], name="India", code='IN')
    state, _ = get_or_create(
        'country.subdivision', [('code', '=', 'IN-MH')],
        name="Maharashtra", code='IN-MH', type='state',
        country=Country(india.id))
    party = company.party
    address = party.addresses[0]
    if not address.subdivision:
        address.country = Country(india.id)
        address.subdivision = Subdivision(state.id)
    if not party.identifiers:
        party.identifiers.new(type='in_vat', code='27AAPFU0939F1ZV')
    party.save()


def setup_accounts(company):
    """The jewellery chart; a chart created from an older template gets
    the template's new accounts, taxes and rules (Update Chart)"""
    Account = Model.get('account.account')
    Tax = Model.get('account.tax')
    if not Account.find([('code', '=', '51001')]):
        create_jewellery_chart(company)
    elif (not Tax.find([('name', '=', 'Input GST 18%')])
            or not Account.find([('code', '=', '21003')])):
        update = Wizard('account.update_chart')
        update.form.account, = Account.find([('parent', '=', None)])
        update.execute('update')
    # the hallmark fee billed as a service, when the shop or a product says
    # so, is taxed GST 18%
    company = Model.get('company.company')(company.id)
    if not company.gold_hallmark_tax:
        company.gold_hallmark_tax, = Tax.find(
            [('name', '=', 'GST 18%'), ('parent', '=', None)])
        company.save()


def setup_fiscalyear(company, today):
    "An Indian financial year, April to March, with its sequences"
    FiscalYear = Model.get('account.fiscalyear')
    SequenceStrict = Model.get('ir.sequence.strict')
    SequenceType = Model.get('ir.sequence.type')
    if FiscalYear.find([
                ('start_date', '<=', today), ('end_date', '>=', today)]):
        return
    year = today.year if today.month >= 4 else today.year - 1
    name = f"FY {year}-{(year + 1) % 100:02d}"
    fiscalyear = FiscalYear(name=name, company=company)
    # stock valued in accounting: every stock move posts its value
    fiscalyear.account_stock_method = 'continental'
    fiscalyear.start_date = dt.date(year, 4, 1)
    fiscalyear.end_date = dt.date(year + 1, 3, 31)
    move_type, = SequenceType.find([('name', '=', "Account Move")])
    fiscalyear.move_sequence = SequenceStrict(
        name=f"Moves {name}", sequence_type=move_type, company=company)
    fiscalyear.move_sequence.save()
    invoice_type, = SequenceType.find([('name', '=', "Invoice")])
    invoice_sequence = SequenceStrict(
        name=f"Invoices {name}", sequence_type=invoice_type,
        company=company, prefix=f"INV/{year}-{(year + 1) % 100:02d}/",
        padding=5)
    invoice_sequence.save()
    seq, = fiscalyear.invoice_sequences
    seq.out_invoice_sequence = invoice_sequence
    seq.in_invoice_sequence = invoice_sequence
    seq.out_credit_note_sequence = invoice_sequence
    seq.in_credit_note_sequence = invoice_sequence
    fiscalyear.save()
    fiscalyear.click('create_period')


# the counter's series per financial year and kind of document: at most
# 16 characters a number (CGST rule 46(b)), SJ/2026-27/00001
COUNTER_SERIES = [('invoice', 'SJ', ""), ('credit_note', 'CN', " credit notes"),
    ('voucher', 'OG', " old gold vouchers")]


def setup_counter_sequences(company, pos):
    """Counter invoices are numbered per financial year, SJ/2026-27/00001;
    credit notes CN/2026-27/00001 and old gold purchase vouchers
    OG/2026-27/00001 from their own series"""
    FiscalYear = Model.get('account.fiscalyear')
    SequenceStrict = Model.get('ir.sequence.strict')
    SequenceType = Model.get('ir.sequence.type')
    pos_type, = SequenceType.find([('name', '=', "POS")], limit=1)
    done = {(s.fiscalyear.id, s.kind) for s in pos.gold_sequences}
    for fiscalyear in FiscalYear.find([]):
        year = fiscalyear.start_date.year
        label = f"{year}-{(year + 1) % 100:02d}"
        for kind, prefix, name in COUNTER_SERIES:
            if (fiscalyear.id, kind) in done:
                continue
            sequence = SequenceStrict(
                name=f"{pos.name} {label}{name}", sequence_type=pos_type,
                company=company, prefix=f"{prefix}/{label}/", padding=5)
            sequence.save()
            pos.gold_sequences.new(
                fiscalyear=fiscalyear, kind=kind, sequence=sequence)
    pos.save()


def setup_metals():
    Metal = Model.get('gold.metal')
    result = {}
    for code, name, quote, purities in METALS:
        metal, created = get_or_create(
            'gold.metal', [('code', '=', code)],
            name=name, code=code, quote_weight=quote)
        records = {}
        for pname, karat, fineness, factor, hsn in purities:
            purity, _ = get_or_create(
                'gold.purity',
                [('metal', '=', metal.id), ('name', '=', pname)],
                metal=metal, name=pname, karat=karat, fineness=fineness,
                factor=factor, hsn_code=hsn)
            records[pname] = purity
        if not metal.base_purity:
            metal.base_purity = records[purities[0][0]]
            metal.save()
        result[code] = (Metal(metal.id), records)
    return result


def enter_todays_rates(metals):
    Rate = Model.get('gold.rate')
    for code, (metal, purities) in metals.items():
        if Rate.find([('current', '=', True), ('metal', '=', metal.id)]):
            continue
        sell, buy = RATES[code]
        enter = Wizard('gold.rate.enter')
        enter.form.metal = metal
        enter.form.base_sell_quote = sell
        enter.form.base_buy_quote = buy
        enter.execute('save')


def setup_categories():
    Account = Model.get('account.account')
    Category = Model.get('product.category')
    Tax = Model.get('account.tax')
    def tax(name):
        return Tax.find([('name', '=', name), ('parent', '=', None)])[0]
    categories = {}
    for key, name, rate, stock in [
            ('jewellery', "Jewellery (GST 3%)", '3%', '13001'),
            ('goods', "Watches and Gifts (GST 18%)", '18%', '13006')]:
        category = Category.find([('name', '=', name)])
        if not category:
            category = Category(name=name, accounting=True)
            category.account_revenue, = Account.find([('code', '=', '51001')])
            category.account_expense, = Account.find([('code', '=', '41002')])
            category.customer_taxes.append(Tax(tax(f'GST {rate}').id))
        else:
            category, = category
        # bought from suppliers with input GST (IGST from another state:
        # the purchase configuration's rule, setup_purchasing)
        if not category.supplier_taxes:
            category.supplier_taxes.append(Tax(tax(f'Input GST {rate}').id))
        set_stock_accounts(category, stock)
        category.save()
        categories[key] = category
    category = Category.find([('name', '=', "Old Metal")])
    if not category:
        category = Category(name="Old Metal", accounting=True)
        category.account_expense, = Account.find([('code', '=', '41002')])
    else:
        category, = category
    set_stock_accounts(category, '13002')
    category.save()
    categories['old'] = category
    for name in ["Bangles", "Chains", "Rings", "Earrings", "Anklets",
            "Bullion", "Watches", "Accessories"]:
        get_or_create('product.category', [('name', '=', name)], name=name)
    return categories


def set_stock_accounts(category, stock):
    """The category's stock on account stock, bought against purchases
    41002, sold at the cost of goods sold 41001"""
    Account = Model.get('account.account')
    for field, code in [('account_stock', stock),
            ('account_stock_in', '41002'), ('account_stock_out', '41001')]:
        if not getattr(category, field):
            setattr(category, field, Account.find([('code', '=', code)])[0])


def category(name):
    Category = Model.get('product.category')
    record, = Category.find([('name', '=', name)])
    return record


def setup_sequences():
    Configuration = Model.get('product.configuration')
    Sequence = Model.get('ir.sequence')
    SequenceType = Model.get('ir.sequence.type')
    tags, _ = get_or_create(
        'ir.sequence', [('name', '=', "Jewellery Tags")],
        name="Jewellery Tags", prefix=TAG_PREFIX, padding=6, company=None,
        sequence_type=SequenceType.find(
            [('name', '=', "Stock Lot")])[0])
    config = Configuration(1)
    if not config.template_sequence:
        code_type, = SequenceType.find([('name', '=', "Product")])
        config.template_sequence = Sequence(
            name="Product Codes", sequence_type=code_type, prefix='P',
            padding=5, company=None)
        config.template_sequence.save()
        config.gold_ean13_sequence, = Sequence.find(
            [('name', '=', "EAN-13 Item Reference")])
        config.gold_ean13_auto = True
        config.save()
    return tags


def setup_products(metals, categories, tags):
    Template = Model.get('product.template')
    Uom = Model.get('product.uom')
    unit, = Uom.find([('name', '=', 'Unit')])
    gram, = Uom.find([('name', '=', 'Gram')])
    templates = {}
    kinds = {"Bangle": "Bangles", "Chain": "Chains", "Ring": "Rings",
        "Band": "Rings", "Earrings": "Earrings", "Anklet": "Anklets"}

    def jewellery(name, uom, metal_code, purity_name, sale_mode, making):
        "Return a new jewellery template, or None when it exists"
        if Template.find([('name', '=', name)]):
            return None
        metal, purities = metals[metal_code]
        template = Template(name=name, type='goods', default_uom=uom)
        template.account_category = categories['jewellery']
        template.gold_metal = metal
        template.gold_purity = purities[purity_name]
        template.gold_sale_mode = sale_mode
        template.gold_making_mode, template.gold_making_value = making
        template.salable = True
        template.purchasable = True
        return template

    for (name, metal_code, purity_name, making, wastage, hallmark,
            hallmarked) in TAGGED:
        template = jewellery(
            name, unit, metal_code, purity_name, 'tagged', making)
        if not template:
            templates[name], = Template.find([('name', '=', name)])
            continue
        if wastage:
            template.gold_wastage_mode, template.gold_wastage_value = wastage
        template.gold_hallmark_charge = hallmark
        template.gold_hallmarked = hallmarked
        template.lot_sequence = tags
        template.lot_required = ['supplier', 'customer', 'storage']
        for word, cat in kinds.items():
            if word in name:
                template.categories.append(category(cat))
        template.save()
        templates[name] = template
    for name, metal_code, purity_name, making in BY_WEIGHT:
        template = jewellery(
            name, gram, metal_code, purity_name, 'weight', making)
        if template:
            template.categories.append(category("Bullion"))
            template.save()
    ensure_purchasable([t[0] for t in TAGGED + BY_WEIGHT])
    return templates


def ensure_purchasable(names):
    "Products of an earlier demo, made before they could be bought"
    Template = Model.get('product.template')
    templates = Template.find(
        [('name', 'in', names), ('purchasable', '=', False)])
    for template in templates:
        template.purchasable = True
    Template.save(templates)


def setup_goods(categories):
    Brand = Model.get('product.brand')
    Template = Model.get('product.template')
    Uom = Model.get('product.uom')
    unit, = Uom.find([('name', '=', 'Unit')])
    titan, _ = get_or_create(
        'product.brand', [('name', '=', "Titan")], name="Titan")
    goods = [
        ("Titan Raga Watch", titan, D('12995'), D('9800'), None, "Watches"),
        ("Velvet Jewellery Box", None, D('450'), D('180'), ('percent', D(10)),
            "Accessories"),
        ("Silver Polish Liquid", None, D('199'), D('85'), None,
            "Accessories"),
        ]
    for name, brand, price, cost, discount, cat in goods:
        if Template.find([('name', '=', name)]):
            continue
        template = Template(name=name, type='goods', default_uom=unit)
        template.gold_brand = brand and Brand(brand.id)
        template.account_category = categories['goods']
        template.list_price = price
        template.salable = True
        template.purchasable = True
        if discount:
            (template.gold_list_discount_mode,
                template.gold_list_discount_value) = discount
        if name == "Silver Polish Liquid":
            template.shelf_life_state = 'optional'
            template.shelf_life_time = 730
        template.categories.append(category(cat))
        template.save()
        # the cost is the variant's (a company value): the template's
        # field only shows it
        product, = template.products
        product.cost_price = cost
        product.save()
    ensure_purchasable([g[0] for g in goods])


def demo_pieces(templates):
    "Yield (template, gross, stone, other, stones) of 36 deterministic pieces"
    weights = [D('8.120'), D('12.345'), D('15.600'), D('10.050'),
        D('21.480'), D('4.275'), D('6.930'), D('18.015'), D('3.410')]
    names = list(templates)
    for i in range(36):
        name = names[i % len(names)]
        gross = weights[i % len(weights)]
        stone = other = D(0)
        stones = []
        if "Diamond" in name:
            gross = D('3.850') + D(i % 5) / 10
            stones = [dict(stone_type='diamond', pieces=7,
                    carats=D('0.35'), rate=D('65000'),
                    certificate_lab='IGI', certificate_number=f'IGI{i:07d}',
                    certificate_charge=D('800'))]
            stone = D('0.070')
        elif "Earrings" in name:
            gross = D('2.640') + D(i % 3) / 10
        elif "Anklet" in name:
            gross = D('28.500') + D(i % 4)
            other = D('0.250')
        elif "Platinum" in name:
            gross = D('5.200') + D(i % 3) / 10
        yield templates[name], gross, stone, other, stones


def setup_pieces(templates):
    Lot = Model.get('stock.lot')
    Inventory = Model.get('stock.inventory')
    Location = Model.get('stock.location')
    if Lot.find([('number', 'like', TAG_PREFIX + '%')]):
        return
    storage, = Location.find([('code', '=', 'STO')])
    lots = []
    for i, (template, gross, stone, other, stones) in enumerate(
            demo_pieces(templates)):
        lot = Lot(product=template.products[0])
        lot.gold_gross_weight = gross
        lot.gold_stone_weight = stone
        lot.gold_other_weight = other
        if template.gold_hallmarked and gross >= 2:
            lot.gold_huid = f'HD{i:04d}'
        for values in stones:
            lot.gold_stones.new(**values)
        lot.gold_cost_price = (gross * D('6500')).quantize(D('1'))
        lots.append(lot)
    Lot.save(lots)
    inventory = Inventory(location=storage)
    for lot in lots:
        inventory.lines.new(product=lot.product, lot=lot, quantity=1)
    inventory.click('confirm')


def setup_parties():
    """Customers and suppliers with their city and state: a supplier's
    state decides between input CGST + SGST and IGST"""
    Country = Model.get('country.country')
    Party = Model.get('party.party')
    Subdivision = Model.get('country.subdivision')
    india, = Country.find([('code', '=', 'IN')])
    for names, kind in [(CUSTOMERS, 'customer'), (SUPPLIERS, 'supplier')]:
        for name, city, phone in names:
            parties = Party.find([('name', '=', name)])
            party = parties[0] if parties else Party(name=name)
            address = party.addresses[0]
            if city and not address.subdivision:
                code, state_name = STATES[city]
                state, _ = get_or_create(
                    'country.subdivision', [('code', '=', code)],
                    name=state_name, code=code, type='state',
                    country=Country(india.id))
                address.city = city
                address.country = Country(india.id)
                address.subdivision = Subdivision(state.id)
            elif parties:
                continue
            if phone and not parties:
                party.contact_mechanisms.new(type='phone', value=phone)
            party.save()


def setup_old_metal(metals, categories):
    """Old gold and silver taken at the counter: a product by the gram per
    metal and an "Old Gold" storage location in the warehouse"""
    Location = Model.get('stock.location')
    Template = Model.get('product.template')
    Uom = Model.get('product.uom')
    gram, = Uom.find([('name', '=', 'Gram')])
    for code, (metal, _) in metals.items():
        if metal.old_product:
            continue
        template = Template(
            name="Old %s" % metal.name, type='goods', default_uom=gram,
            account_category=categories['old'])
        template.save()
        metal.old_product, = template.products
        metal.save()
    warehouse, = Location.find([('code', '=', 'WH')])
    location, _ = get_or_create(
        'stock.location', [('name', '=', "Old Gold")],
        name="Old Gold", type='storage',
        parent=Location(warehouse.storage_location.id))
    return location


def setup_point_of_sale(company, old_location):
    """Counter 1 with its walk-in customer, round-off and old-gold set-up and
    the payment methods; completes a counter of an earlier demo"""
    Account = Model.get('account.account')
    Journal = Model.get('account.journal')
    Location = Model.get('stock.location')
    POS = Model.get('sale.point')
    PaymentMethod = Model.get('sale.point.payment.method')
    SequenceStrict = Model.get('ir.sequence.strict')
    SequenceType = Model.get('ir.sequence.type')

    def account(code):
        return Account.find([('code', '=', code)])[0]

    points = POS.find([])
    if points:
        pos, = points
    else:
        journal, = Journal.find([('type', '=', 'revenue')], limit=1)
        pos = POS(name="Counter 1")
        pos.journal = journal
        pos.sequence = SequenceStrict(name="Counter 1", company=company)
        pos.sequence.sequence_type, = SequenceType.find(
            [('name', '=', "POS")], limit=1)
        pos.sequence.save()
        pos.storage_location, = Location.find([('code', '=', 'STO')])
        pos.customer_location, = Location.find([('code', '=', 'CUS')])
    if not pos.gold_walk_in_customer:
        pos.gold_walk_in_customer, _ = get_or_create(
            'party.party', [('name', '=', "Walk-in Customer")],
            name="Walk-in Customer")
    pos.gold_round_off_account = account('44001')
    # hallmarking charges collected outside GST, when a product says so
    pos.gold_hallmark_account = account('21003')
    pos.return_location = pos.storage_location
    pos.gold_discount_reason_above = D('5')
    pos.gold_old_location = old_location
    pos.gold_old_account = account('13002')
    if not pos.gold_interstate_tax_rule:
        rules = Model.get('account.tax.rule').find(
            [('name', '=', "Inter-state Supply (IGST)")])
        pos.gold_interstate_tax_rule = rules[0] if rules else None
    pos.save()
    for name, code, kind in [
            ("Cash", '11001', 'cash'),
            ("Card", '11003', 'card'),
            ("UPI", '11004', 'upi'),
            ("Cheque", '11005', 'cheque'),
            ("Credit Voucher", '23003', 'voucher'),
            ]:
        methods = PaymentMethod.find([('name', '=', name)])
        method = methods[0] if methods else PaymentMethod(name=name)
        method.gold_kind = kind
        method.account = account(code)
        method.save()
    setup_counter_sequences(company, pos)


def setup_purchasing():
    """Fine gold settled with suppliers is owed on 21002; a supplier in
    another state bills input IGST"""
    Account = Model.get('account.account')
    Configuration = Model.get('purchase.configuration')
    configuration = Configuration(1)
    # a chart created before 21002 existed has it after Update Chart
    accounts = Account.find([('code', '=', '21002')])
    if not configuration.gold_metal_owed_account and accounts:
        configuration.gold_metal_owed_account, = accounts
    if not configuration.gold_interstate_tax_rule:
        configuration.gold_interstate_tax_rule, = Model.get(
            'account.tax.rule').find(
            [('name', '=', "Inter-state Purchase (IGST)")])
    configuration.save()


# login, name, role (gold_compliance's roles, doc/roles.md); each demo
# user's password is its login followed by 123
DEMO_USERS = [
    ('counter', "Counter Staff", "Counter Sales"),
    ('supervisor', "Counter Supervisor", "Counter Supervisor"),
    ('stock', "Stock Keeper", "Stock Keeper"),
    ('purchaser', "Purchaser", "Purchaser"),
    ('accountant', "Accountant", "Accountant"),
    ('owner', "Shop Owner", "Owner"),
    ('auditor', "Auditor", "Auditor"),
    ]


# the demo users who sell at the counter
SALESPEOPLE = {'counter', 'supervisor', 'owner'}


INDIAN_ENGLISH = dict(
    code='en_IN', name="English (India)", date='%d-%m-%Y',
    grouping='[3, 2, 0]', mon_grouping='[3, 2, 0]', decimal_point='.',
    thousands_sep=',', mon_decimal_point='.', mon_thousands_sep=',')


def setup_language(company):
    """English as an Indian shop writes it: amounts in lakhs and crores,
    2,00,000.00, and dates day first with dashes, 03-12-2026 (never
    12/03/2026). A language en_IN (its parent, en, gives the texts) for the
    users and the shop's documents; sao formats numbers with it (it needs
    its locale file, config/sao/locale/en_IN.json). English itself is
    grouped the same, for the messages of a user left in English"""
    Lang = Model.get('ir.lang')
    Party = Model.get('party.party')
    User = Model.get('res.user')
    english, = Lang.find([('code', '=', 'en')])
    if english.grouping != '[3, 2, 0]' or english.mon_grouping != '[3, 2, 0]':
        english.grouping = english.mon_grouping = '[3, 2, 0]'
        english.save()
    langs = Lang.find([('code', '=', 'en_IN')])
    if langs:
        lang, = langs
    else:
        lang = Lang(**INDIAN_ENGLISH)
        for name in ['p_sign_posn', 'n_sign_posn', 'positive_sign',
                'negative_sign', 'am', 'pm']:
            setattr(lang, name, getattr(english, name))
        for name in ['p_cs_precedes', 'n_cs_precedes', 'p_sep_by_space',
                'n_sep_by_space']:
            setattr(lang, name, bool(getattr(english, name)))
        lang.save()
    if not lang.translatable:
        lang.click('load_translations')
    users = User.find([('language.code', '!=', 'en_IN')])
    for user in users:
        user.language = Lang(lang.id)
    User.save(users)
    party = Party(company.party.id)
    if not party.lang or party.lang.code != 'en_IN':
        party.lang = Lang(lang.id)
        party.save()


def setup_users(company):
    """A user of each shop role with exactly that role (no group given
    besides it); counter staff make discounts up to 5% (the POS group's
    cap), the counter supervisor up to 15%, as the admin does"""
    Company = Model.get('company.company')
    Group = Model.get('res.group')
    Role = Model.get('res.role')
    User = Model.get('res.user')
    pos_group, = Group.find([('name', '=', "POS")])
    if pos_group.gold_discount_cap is None:
        pos_group.gold_discount_cap = D('5')
        pos_group.save()
    supervisor, = Group.find([('name', '=', "Counter Supervisor")])
    Employee = Model.get('company.employee')
    for login, name, role_name in DEMO_USERS:
        role, = Role.find([('name', '=', role_name)])
        users = User.find([('login', '=', login)])
        user = users[0] if users else User(
            name=name, login=login, password=f'{login}123')
        if login in SALESPEOPLE and not user.employee:
            # the salesperson of the bills the user makes (the bill's
            # employee, defaulted from the user's)
            party, _ = get_or_create(
                'party.party', [('name', '=', name)], name=name)
            employee, _ = get_or_create('company.employee',
                [('party', '=', party.id)],
                party=party, company=Company(company.id))
            user.employees.append(Employee(employee.id))
            user.employee = Employee(employee.id)
        if [r.role for r in user.roles] != [role]:
            while user.roles:
                user.roles.pop()
            user.roles.new(role=role)
        if Company(company.id) not in user.companies:
            user.companies.append(Company(company.id))
        user.company = Company(company.id)
        user.save()
    admin, = User.find([('login', '=', 'admin')])
    if supervisor not in admin.groups:
        admin.groups.append(Group(supervisor.id))
        admin.save()


def close_config_wizard():
    "The shop is configured: do not open the module configuration wizard"
    Item = Model.get('ir.module.config_wizard.item')
    items = Item.find([('state', '=', 'open')])
    for item in items:
        item.state = 'done'
    Item.save(items)


def main(database, config_file):
    proteus_config.set_trytond(database, config_file=config_file)
    today = dt.date.today()
    company = setup_company()
    setup_identity(company)
    setup_accounts(company)
    setup_fiscalyear(company, today)
    # the year before, which the history's first months are in
    setup_fiscalyear(company, history_start(today))
    metals = setup_metals()
    enter_todays_rates(metals)
    categories = setup_categories()
    tags = setup_sequences()
    templates = setup_products(metals, categories, tags)
    setup_goods(categories)
    setup_pieces(templates)
    setup_parties()
    old_location = setup_old_metal(metals, categories)
    setup_point_of_sale(company, old_location)
    setup_purchasing()
    setup_users(company)
    setup_language(company)
    close_config_wizard()
    made = generate_history(database)
    if made:
        print("Demo history made: " + ", ".join(
                f"{count} {name}" for name, count in made.items()),
            file=sys.stderr)
    Lot = Model.get('stock.lot')
    pieces = Lot.find([('gold_purity', '!=', None), ('quantity', '>', 0)])
    print(f"Demo data ready: {len(pieces)} tagged pieces in stock",
        file=sys.stderr)


if __name__ == '__main__':
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('-d', '--database', required=True)
    parser.add_argument('-c', '--config', dest='config_file')
    args = parser.parse_args()
    main(args.database, args.config_file)
