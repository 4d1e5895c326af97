"""A year of the demo shop's trade, made the way the counter makes it.

Run by demo_data.py once the shop is set up: the morning board of every
day the shop opened, the pieces received at the start of each month, the
bills of each day (more on Saturdays and Sundays, many more at Akshaya
Tritiya, Dussehra, Dhanteras and Diwali, fewer in the monsoon) with old gold
taken in exchange and split payments, a few returns, and each day's cash
session closed with the day's cash banked. Every bill goes through the
counter's own checks and posting (pricing at the board of its moment,
identification and cash rules, numbering, stock and accounting), in one
transaction: the history is made whole or not at all.

The counter refuses a bill priced at another board than the one in force
now, as it must: each bill is made with the clock set to its moment
(time-machine), so that its rules and dates are those of that moment.

Deterministic: the same seed and today give the same history. It is made
once; a database that has bills before today keeps them.
"""
import datetime as dt
import random
from decimal import ROUND_HALF_UP, Decimal

import time_machine

D = Decimal
HISTORY_DAYS = 365
SEED = 2026
CLOSED_WEEKDAY = 1  # Tuesday
BILLS_A_DAY = 1.2  # on a weekday of an ordinary month
WEEKDAY_FACTOR = [0.8, 0, 0.9, 1.0, 1.1, 1.6, 1.8]
MONTH_FACTOR = {1: 1.3, 2: 1.3, 7: 0.7, 8: 0.7, 11: 1.3, 12: 1.3}
# (month, day) -> how many times the ordinary day's bills: the festivals'
# dates of 2025-26 and 2026-27 (a shop enters its own)
FESTIVALS = {
    dt.date(2026, 4, 20): ("Akshaya Tritiya", 5),
    dt.date(2026, 10, 20): ("Dussehra", 2.5),
    dt.date(2026, 11, 6): ("Dhanteras", 6),
    dt.date(2026, 11, 8): ("Diwali", 3),
    dt.date(2025, 12, 25): ("Christmas", 1.5),
    dt.date(2026, 1, 14): ("Makar Sankranti", 2),
    dt.date(2026, 3, 19): ("Gudi Padwa", 3),
    }
# the board a year ago and today (today's is demo_data.RATES): sell per
# quote weight, and the buy rate's part of it
BOARD = {
    'gold': (D('70500'), D('78500'), D('0.9796')),
    'silver': (D('88000'), D('95000'), D('0.9684')),
    'platinum': (D('2950'), D('3200'), D('0.9375')),
    }
# template -> (share of the pieces, gross weight range in g)
PIECES = {
    "22K Plain Bangle": (25, D('8.000'), D('20.000')),
    "22K Rope Chain": (20, D('5.000'), D('20.000')),
    "22K Ladies Ring": (18, D('2.500'), D('8.000')),
    "18K Diamond Ring": (7, D('3.500'), D('4.500')),
    "14K Stud Earrings": (14, D('2.000'), D('4.500')),
    "925 Silver Anklet": (11, D('25.000'), D('42.000')),
    "Platinum Band": (5, D('4.800'), D('7.200')),
    }
FIRST_NAMES = ["Aarav", "Priya", "Vikram", "Sneha", "Rohan", "Kavya",
    "Arjun", "Meera", "Siddharth", "Pooja", "Nikhil", "Anjali", "Karan",
    "Divya", "Aditya", "Neha", "Manish", "Lakshmi", "Suresh", "Rekha"]
LAST_NAMES = ["Patil", "Deshmukh", "Joshi", "Kulkarni", "Shah", "Nair",
    "Reddy", "Gupta", "Agarwal", "Menon", "Pawar", "Jain"]
CUSTOMERS = 48
# a bill from this value names its customer (the counter's threshold)
NAMED_FROM = D('50000')
CASH_AT_MOST = D('30000')
FLOAT = D('20000')  # the cash kept in the counter overnight


def history_start(today, days=HISTORY_DAYS):
    return today - dt.timedelta(days=days)


def cents(value):
    return value.quantize(D('0.01'), rounding=ROUND_HALF_UP)


def grams(value):
    return value.quantize(D('0.001'), rounding=ROUND_HALF_UP)


class History:
    "The history's making, in the pool of the demo database"

    def __init__(self, pool, company, today, days=HISTORY_DAYS, seed=SEED):
        self.pool = pool
        self.company = company
        self.today = today
        self.start = history_start(today, days)
        self.random = random.Random(seed)
        self.huid = 0

    def get(self, name):
        return self.pool.get(name)

    def exists(self):
        Sale = self.get('sale.point.sale')
        return bool(Sale.search([('date', '<', self.today)], limit=1))

    def run(self):
        Point = self.get('sale.point')
        self.point, = Point.search([], limit=1)
        self.methods = {m.gold_kind: m for m in self.get(
                'sale.point.payment.method').search([])}
        self.customers = self.make_customers()
        self.metals = {m.code: m for m in self.get('gold.metal').search([])}
        self.templates = {t.name: t for t in self.get(
                'product.template').search([
                    ('name', 'in', list(PIECES))])}
        self.transfer_type = self.make_transfer_type()
        days = [self.start + dt.timedelta(days=i)
            for i in range((self.today - self.start).days)]
        open_days = [d for d in days if d.weekday() != CLOSED_WEEKDAY]
        plan = {d: self.bills_of(d) for d in open_days}
        self.enter_rates(open_days)
        self.receive_pieces(plan)
        returns = {}
        counts = {'bills': 0, 'returns': 0, 'old gold': 0}
        for day in open_days:
            for sold in returns.pop(day, []):
                self.return_line(day, sold)
                counts['returns'] += 1
            for pieces in plan[day]:
                sale = self.bill(day, pieces)
                counts['bills'] += 1
                counts['old gold'] += bool(sale.gold_old_lines)
                if self.random.random() < 0.015:
                    back = day + dt.timedelta(days=self.random.randint(1, 9))
                    while back.weekday() == CLOSED_WEEKDAY:
                        back += dt.timedelta(days=1)
                    if back < self.today:
                        returns.setdefault(back, []).append(
                            self.random.choice(sale.lines))
            self.close_day(day)
        return counts

    def bills_of(self, day):
        "The pieces each bill of day sells: [[(template, gross)...]...]"
        mean = (BILLS_A_DAY * WEEKDAY_FACTOR[day.weekday()]
            * MONTH_FACTOR.get(day.month, 1))
        _, factor = FESTIVALS.get(day, (None, 1))
        mean *= factor
        count = max(0, round(self.random.gauss(mean, mean ** 0.5)))
        names = list(PIECES)
        weights = [PIECES[n][0] for n in names]
        bills = []
        for _ in range(count):
            name, = self.random.choices(names, weights)
            pieces = [self.piece(name)]
            # with a pair of earrings now and then: a bill stays under
            # 2,00,000 (from which the customer's PAN is needed)
            if self.random.random() < 0.15:
                pieces.append(self.piece("14K Stud Earrings"))
            bills.append(pieces)
        return bills

    def piece(self, name):
        "(template, gross weight) of a piece of template name"
        _, low, high = PIECES[name]
        gross = grams(low + (high - low) * D(str(self.random.random())))
        return self.templates[name], gross

    def make_customers(self):
        "The shop's customers: named, with their PAN, a phone and an address"
        Party = self.get('party.party')
        Subdivision = self.get('country.subdivision')
        state, = Subdivision.search([('code', '=', 'IN-MH')], limit=1)
        names = []
        rng = random.Random(SEED)
        while len(names) < CUSTOMERS:
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            if name not in names:
                names.append(name)
        existing = {p.name: p for p in Party.search(
                [('name', 'in', names)])}
        to_create = []
        for i, name in enumerate(names):
            if name in existing:
                continue
            # a PAN: the 4th letter P (a person), the 5th the surname's
            pan = 'AB%sP%s%04d%s' % (chr(ord('A') + i % 26),
                name.split()[-1][0], 1000 + i * 37, chr(ord('A') + i * 7 % 26))
            to_create.append({
                    'name': name,
                    'gold_pan': pan,
                    'addresses': [('create', [{
                                    'city': "Mumbai", 'country': state.country,
                                    'subdivision': state.id}])],
                    'contact_mechanisms': [('create', [{
                                    'type': 'mobile',
                                    'value': '+91 98%03d %05d' % (
                                        i, i * 7919 % 100000),
                                    }])],
                    })
        return list(existing.values()) + Party.create(to_create)

    def make_transfer_type(self):
        "The cash taken from the counter to the bank at the end of a day"
        Account = self.get('account.account')
        Journal = self.get('account.journal')
        Type = self.get('sale.point.cash.transfer.type')
        types = Type.search([('name', '=', "Bank Deposit")], limit=1)
        if types:
            return types[0]
        bank, = Account.search([('code', '=', '11002')], limit=1)
        journal, = Journal.search([('type', '=', 'cash')], limit=1)
        type_, = Type.create([{
                    'name': "Bank Deposit", 'account': bank.id,
                    'journal': journal.id, 'company': self.company.id}])
        return type_

    def moment(self, day, hour, minute=0):
        "The shop's local time on day, as Tryton stores it (UTC)"
        return (dt.datetime.combine(day, dt.time(hour, minute))
            - dt.timedelta(hours=5, minutes=30))

    def at(self, moment):
        "The clock stopped at moment (UTC naive), as trytond runs in UTC"
        return time_machine.travel(
            moment.replace(tzinfo=dt.timezone.utc), tick=False)

    def enter_rates(self, days):
        """The morning board of each day, 10:00: each metal's base quote
        moved from a year ago to today's, day by day, and its purities
        derived, as Enter Today's Rates does"""
        from trytond.modules.gold_rate.rate import derive_rate
        Rate = self.get('gold.rate')
        self.buy = {}
        values = []
        total = len(days)
        noise = {code: D(0) for code in BOARD}
        for i, day in enumerate(days):
            for code, (first, last, buy_part) in BOARD.items():
                metal = self.metals[code]
                noise[code] = (noise[code] * D('0.8') + D(str(
                            self.random.gauss(0, 0.006)))) if i else D(0)
                quote = first + (last - first) * D(i) / D(total)
                quote = cents(quote * (1 + noise[code]))
                weight = metal.quote_weight or D(1)
                sell = cents(quote / weight)
                buy = cents(quote * buy_part / weight)
                self.buy[day, code] = buy
                for purity in metal.purities:
                    if not purity.active:
                        continue
                    value = {
                        'company': self.company.id, 'purity': purity.id,
                        'valid_from': self.moment(day, 10),
                        'sell_rate': sell, 'buy_rate': buy,
                        'origin': 'base',
                        }
                    if purity != metal.base_purity:
                        value.update({
                                'sell_rate': derive_rate(sell, purity.factor),
                                'buy_rate': derive_rate(buy, purity.factor),
                                'origin': 'derived',
                                'base_sell_rate': sell,
                                'factor': purity.factor,
                                })
                    values.append(value)
        Rate.create(values)

    def receive_pieces(self, plan):
        """The pieces each month sells, tagged and counted into the shop's
        stock on the month's first day (or the history's), at a cost of
        the month's board less a margin"""
        Inventory = self.get('stock.inventory')
        Location = self.get('stock.location')
        Lot = self.get('stock.lot')
        storage, = Location.search([('code', '=', 'STO')], limit=1)
        months = {}
        for day, bills in plan.items():
            first = max(day.replace(day=1), self.start)
            months.setdefault(first, []).extend(
                (day, piece) for bill in bills for piece in bill)
        self.lots = {}
        for first, pieces in sorted(months.items()):
            values = []
            for _, (template, gross) in pieces:
                values.append(self.piece_values(template, gross))
            lots = Lot.create(values)
            for (day, piece), lot in zip(pieces, lots):
                self.lots.setdefault(day, []).append(lot)
            with self.at(self.moment(first, 9)):
                self._count_in(Inventory, storage, first, lots)

    def _count_in(self, Inventory, storage, first, lots):
        "The inventory that puts lots in storage on day first"
        inventory, = Inventory.create([{
                    'location': storage.id, 'date': first,
                    'company': self.company.id,
                    'lines': [('create', [{
                                    'product': l.product.id,
                                    'lot': l.id, 'quantity': 1}
                                for l in lots])],
                    }])
        Inventory.confirm([inventory])

    def piece_values(self, template, gross):
        "A new tag of template: weights, HUID, stones and cost"
        product, = template.products
        values = {'product': product.id, 'gold_gross_weight': gross}
        if template.gold_hallmarked and gross >= 2:
            self.huid += 1
            values['gold_huid'] = 'Y%05d' % self.huid
        if "Diamond" in template.name:
            values['gold_stone_weight'] = D('0.070')
            values['gold_stones'] = [('create', [{
                            'stone_type': 'diamond', 'pieces': 7,
                            'carats': D('0.35'), 'rate': D('65000'),
                            'certificate_lab': 'IGI',
                            'certificate_number': 'IGIH%05d' % self.huid,
                            'certificate_charge': D('800')}])]
        per_gram = {
            'gold': D('6200'), 'silver': D('80'), 'platinum': D('2700'),
            }[template.gold_metal.code]
        values['gold_cost_price'] = cents(gross * per_gram)
        return values

    def bill(self, day, pieces):
        """A bill of day selling pieces, priced at the board of its moment,
        with old gold in exchange now and then, paid and posted"""
        hour = self.random.choices(
            range(11, 21), [3, 5, 6, 5, 4, 5, 7, 9, 10, 6])[0]
        moment = self.moment(day, hour, self.random.randint(0, 59))
        with self.at(moment):
            return self._bill(day, pieces, moment)

    def _bill(self, day, pieces, moment):
        Sale = self.get('sale.point.sale')
        Line = self.get('sale.point.sale.line')
        sale = Sale(point=self.point, company=self.company, date=day)
        lines = []
        for _ in pieces:
            # the day's pieces in the order the plan sells them
            lot = self.lots[day].pop(0)
            line = Line(sale=sale, company=self.company,
                currency=self.company.currency, sale_state='open')
            line.lot = lot
            line.product = lot.product
            line.quantity = 1.0
            line.gold_priced_at = moment
            line.gold_rate_used = None
            line.price_gold()
            lines.append(line)
        sale.lines = lines
        sale.save()
        if sale.total >= NAMED_FROM or self.random.random() < 0.4:
            sale.party = self.random.choice(self.customers)
            sale.save()
            if self.random.random() < 0.15:
                self.get('sale.point.sale.old_gold').create(
                    [self.old_gold(sale, day)])
                sale = Sale(sale.id)
        self.pay(sale, sale.amount_to_pay)
        Sale.process([sale])
        Sale.post([sale])
        return sale

    def old_gold(self, sale, day):
        "The values of an old 22K or 18K piece sale takes at the day's rate"
        karat, purity = self.random.choice(
            [('22K', D('91.60')), ('22K', D('90.80')), ('18K', D('75.00'))])
        gold = self.metals['gold']
        purity_record, = [p for p in gold.purities if p.name == karat]
        gross = grams(D(3) + D(14) * D(str(self.random.random())))
        return {
            'sale': sale.id, 'description': f"Old {karat} jewellery",
            'metal': gold.id, 'purity': purity_record.id,
            'gross_weight': gross, 'stone_weight': D('0.000'),
            'loss_percent': D('1.00'), 'rate': self.buy[day, 'gold'],
            'readings': [('create', [{
                            'method': 'xrf', 'purity': purity,
                            'used': False}])],
            }

    def pay(self, sale, amount):
        """Pay amount: a small bill in cash or by UPI, a larger one by UPI,
        card, or card and some cash; a refund in cash from the drawer's
        float, a larger one by UPI"""
        Payment = self.get('sale.point.payment')
        choice = self.random.random()
        if amount < 0:
            parts = [('cash' if -amount <= FLOAT / 2 else 'upi', amount)]
        elif amount <= CASH_AT_MOST:
            parts = [('cash' if choice < 0.6 else 'upi', amount)]
        elif choice < 0.45:
            parts = [('upi', amount)]
        elif choice < 0.85:
            parts = [('card', amount)]
        else:
            cash = D(self.random.randint(5, 20) * 1000)
            parts = [('card', amount - cash), ('cash', cash)]
        Payment.create([{
                    'sale': sale.id, 'method': self.methods[kind].id,
                    'amount': value,
                    'gold_reference': (
                        None if kind == 'cash' else f'H{sale.id:06d}'),
                    } for kind, value in parts if value])

    def return_line(self, day, sold):
        """The customer brings the piece of sold back on day: a return
        bill at the counter's refund basis, refunded in cash"""
        Sale = self.get('sale.point.sale')
        moment = self.moment(day, 12)
        with self.at(moment):
            refund = Sale(point=self.point, company=self.company, date=day,
                party=sold.sale.party)
            refund.lines = [sold.get_return_line(self.point, at=moment)]
            refund.save()
            self.pay(refund, refund.amount_to_pay)
            Sale.process([refund])
            Sale.post([refund])

    def close_day(self, day):
        """Bank the cash above the float and close the counter's session,
        counted as expected"""
        with self.at(self.moment(day, 21)):
            self._close_day(day)

    def _close_day(self, day):
        Session = self.get('sale.point.cash.session')
        Transfer = self.get('sale.point.cash.transfer')
        sessions = Session.search([
                ('point', '=', self.point.id), ('state', '=', 'open')])
        if not sessions:
            return
        session, = sessions
        cash = session.start_amount + session.balance
        if cash > FLOAT:
            transfer, = Transfer.create([{
                        'point': self.point.id, 'session': session.id,
                        'type': self.transfer_type.id, 'date': day,
                        'amount': -(cash - FLOAT)}])
            session = Session(session.id)
            cash = FLOAT
        session.end_amount = cash
        session.save()
        Session.close([session])
        Session.post([session])


def generate(database, today=None, days=HISTORY_DAYS):
    """Make the demo's history in database, once; return what was made,
    or None when it has a history already. Started again, as a request
    is, when Tryton asks for a table lock it did not hold from the start"""
    from trytond.pool import Pool
    from trytond.transaction import Transaction, TransactionError
    today = today or dt.date.today()
    pool = Pool(database)
    with Transaction().start(database, 0, readonly=True):
        User = pool.get('res.user')
        admin, = User.search([('login', '=', 'admin')])
        admin = admin.id
        # what the bills' posting and the sessions lock, held from the start
        # rather than met in the middle of the year
        sequences = [s.id for s in pool.get('ir.sequence.strict').search([])]
    extras = {
        '_lock_tables': ['account_journal_period', 'sale_point_cash_session'],
        '_lock_records': {'ir_sequence_strict': sequences},
        }
    while True:
        try:
            with Transaction().start(database, admin, **extras) as transaction:
                User = pool.get('res.user')
                context = User.get_preferences(context_only=True)
                with transaction.set_context(context, _skip_warnings=True):
                    Company = pool.get('company.company')
                    company = Company(context['company'])
                    history = History(pool, company, today, days)
                    if history.exists():
                        return None
                    return history.run()
        except TransactionError as error:
            error.fix(extras)
