"""Metals, purities and the daily rate board.

Rates are per gram of a purity, in company currency, valid from a moment.
A rate is "today's" only from the start of the company's local day, so that
pricing refuses to use yesterday's board.
"""
import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal

from sql import Column, Literal, Null, Window
from sql.conditionals import Case, Coalesce
from sql.functions import CurrentTimestamp, Lag

from trytond.cache import Cache
from trytond.i18n import gettext
from trytond.model import (
    DeactivableMixin, Index, ModelSQL, ModelView, Unique, fields,
    sequence_ordered)
from trytond.pool import Pool
from trytond.pyson import Eval
from trytond.rpc import RPC
from trytond.tools import timezone as tz
from trytond.transaction import Transaction
from trytond.wizard import Button, StateTransition, StateView, Wizard

from .exceptions import (
    NoRateError, PurityValidationError, RateValidationError, RowError)
from .numbers import cents
from .rows import check_rows, convert_row

RATE_DIGITS = (16, 2)
# enough for 22/24 = 0.916666666667: a paisa on a kilogram is 1e-9
FACTOR_DIGITS = (16, 12)


def derive_rate(base_rate, factor):
    "Return the per gram rate of a purity from the base (pure) rate"
    if base_rate is None or factor is None:
        return None
    return cents(Decimal(base_rate) * Decimal(factor))


# a purity as printed, name then fineness: 22K916
PRINTED_PURITY = re.compile(r'^(?P<name>.*\D)(?P<fineness>\d{3,4})$')


class Metal(DeactivableMixin, ModelSQL, ModelView):
    __name__ = 'gold.metal'
    __string__ = 'Precious Metal'
    name = fields.Char("Name", required=True, translate=True)
    code = fields.Char("Code", required=True)
    base_purity = fields.Many2One(
        'gold.purity', "Base Purity",
        domain=[('metal', '=', Eval('id', -1))],
        help="The purity whose rate is entered each morning (24K, 999); "
        "the other purities are derived from it.")
    quote_weight = fields.Numeric(
        "Quote Weight", digits=(16, 3), required=True,
        help="The weight in grams the market quotes a rate for "
        "(10 for gold, 1000 for silver).")
    purities = fields.One2Many('gold.purity', 'metal', "Purities")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('code_unique', Unique(t, t.code), 'gold_rate.msg_metal_code'),
            ]

    @classmethod
    def default_quote_weight(cls):
        return Decimal(1)

    @classmethod
    def validate_fields(cls, metals, field_names):
        super().validate_fields(metals, field_names)
        if field_names & {'base_purity'}:
            for metal in metals:
                if metal.base_purity and metal.base_purity.metal != metal:
                    raise PurityValidationError(gettext(
                            'gold_rate.msg_metal_base_purity',
                            purity=metal.base_purity.rec_name,
                            metal=metal.rec_name))


class Purity(sequence_ordered(), DeactivableMixin, ModelSQL, ModelView):
    __name__ = 'gold.purity'
    __string__ = 'Purity'
    metal = fields.Many2One(
        'gold.metal', "Metal", required=True, ondelete='RESTRICT')
    name = fields.Char(
        "Name", required=True, help="The trade name, e.g. 22K or 925.")
    karat = fields.Integer("Karat")
    fineness = fields.Integer(
        "Fineness", required=True, help="Parts per thousand, e.g. 916.")
    factor = fields.Numeric(
        "Factor", digits=FACTOR_DIGITS, required=True,
        help="The factor used in pricing and in fine weight, stored "
        "explicitly: 0.916, or 22/24 = 0.916666666667 for 22K (typing the "
        "karat first fills it).")
    hsn_code = fields.Char(
        "HSN Code", size=8,
        help="The default HSN code of products of this purity.")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order.insert(0, ('metal', 'ASC'))
        cls._order.insert(2, ('fineness', 'DESC'))

    def get_rec_name(self, name):
        fineness = str(self.fineness or '')
        if fineness and fineness not in self.name:
            return f'{self.name}{fineness}'
        return self.name

    @classmethod
    def search_rec_name(cls, name, clause):
        _, operator, operand, *extra = clause
        if operator.startswith('!') or operator.startswith('not '):
            bool_op = 'AND'
        else:
            bool_op = 'OR'
        domain = [bool_op,
            ('name', operator, operand, *extra),
            ('metal.name', operator, operand, *extra),
            ]
        # the purity as printed on a tag or an invoice: 22K916
        printed = (PRINTED_PURITY.match(operand.strip('%').strip())
            if bool_op == 'OR' and isinstance(operand, str) else None)
        if printed:
            domain.append([
                    ('name', 'ilike', printed['name']),
                    ('fineness', '=', int(printed['fineness'])),
                    ])
        return domain

    @fields.depends('karat', 'factor')
    def on_change_karat(self):
        "A purity named by its karat is karat/24 pure, to 12 decimals"
        if self.karat and 0 < self.karat <= 24 and not self.factor:
            self.factor = (Decimal(self.karat) / 24).quantize(
                Decimal(1) / 10 ** FACTOR_DIGITS[1], rounding=ROUND_HALF_UP)

    @fields.depends('fineness', 'factor')
    def on_change_fineness(self):
        if self.fineness and not self.factor:
            self.factor = Decimal(self.fineness) / 1000

    @classmethod
    def validate_fields(cls, purities, field_names):
        super().validate_fields(purities, field_names)
        if field_names & {'factor', 'fineness'}:
            for purity in purities:
                purity.check_factor()

    def check_factor(self):
        if self.factor is None or not (0 < self.factor <= 1):
            raise PurityValidationError(gettext(
                    'gold_rate.msg_purity_factor',
                    factor=self.factor, purity=self.rec_name))
        if not (0 < (self.fineness or 0) <= 1000):
            raise PurityValidationError(gettext(
                    'gold_rate.msg_purity_fineness',
                    fineness=self.fineness, purity=self.rec_name))


def _company_tzinfo(company):
    if company and company.timezone:
        return tz.get_tzinfo(company.timezone)
    return tz.UTC


def day_start(at, company):
    "Return (local date, UTC naive start of that local day) of moment at"
    tzinfo = _company_tzinfo(company)
    local = at.replace(tzinfo=tz.UTC).astimezone(tzinfo)
    start = dt.datetime.combine(local.date(), dt.time.min, tzinfo)
    return local.date(), start.astimezone(tz.UTC).replace(tzinfo=None)


def company_time(at, company):
    """Moment at (UTC naive) as the shop's clock shows it, with its time
    zone: "03/12/2026 08:00 (Asia/Kolkata)" """
    Lang = Pool().get('ir.lang')
    tzinfo = _company_tzinfo(company)
    local = at.replace(tzinfo=tz.UTC).astimezone(tzinfo)
    name = company.timezone if company and company.timezone else 'UTC'
    lang = Lang.get()
    return f"{lang.strftime(local.date())} {local:%H:%M} ({name})"


class Rate(ModelSQL, ModelView):
    __name__ = 'gold.rate'
    __string__ = 'Metal Rate'
    # every version is kept: Rate Changes (gold.rate.change) and the audit
    # trail read it
    _history = True
    company = fields.Many2One('company.company', "Company", required=True)
    purity = fields.Many2One(
        'gold.purity', "Purity", required=True, ondelete='RESTRICT')
    metal = fields.Function(
        fields.Many2One('gold.metal', "Metal"), 'on_change_with_metal',
        searcher='search_metal')
    valid_from = fields.DateTime("Valid From", required=True)
    sell_rate = fields.Numeric(
        "Sell Rate", digits=RATE_DIGITS, required=True,
        help="Per gram, in company currency.")
    buy_rate = fields.Numeric(
        "Buy Rate", digits=RATE_DIGITS, required=True,
        help="Per gram of old gold of this purity, in company currency.")
    origin = fields.Selection([
            ('base', "Base"),
            ('derived', "Derived"),
            ('override', "Override"),
            ('manual', "Manual"),
            ], "Origin", readonly=True)
    origin_string = origin.translated('origin')
    base_sell_rate = fields.Numeric(
        "Base Sell Rate", digits=RATE_DIGITS, readonly=True,
        states={'invisible': Eval('origin') != 'derived'},
        help="The base purity's sell rate a derived rate comes from.")
    factor = fields.Numeric(
        "Factor", digits=FACTOR_DIGITS, readonly=True,
        states={'invisible': Eval('origin') != 'derived'},
        help="The purity's factor a derived rate was derived with.")
    sell_rate_quote = fields.Function(fields.Numeric(
            "Sell Rate per Quote", digits=RATE_DIGITS),
        'get_quote')
    buy_rate_quote = fields.Function(fields.Numeric(
            "Buy Rate per Quote", digits=RATE_DIGITS),
        'get_quote')
    current = fields.Function(
        fields.Boolean("Current", help="The rate in force now."),
        'get_current', searcher='search_current')
    withdrawn = fields.Boolean(
        "Withdrawn", readonly=True,
        help="Withdrawn by the rate manager as a mistake: it prices "
        "nothing, and the rate before it is in force again; the bills "
        "priced at it keep their figures.")
    _day_cache = Cache('gold.rate.day', context=False)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [('valid_from', 'DESC'), ('id', 'DESC')]
        cls.__rpc__.update({
                'gold_import': RPC(readonly=False),
                })
        cls._buttons.update({
                'withdraw': {
                    'invisible': Eval('withdrawn', False),
                    'depends': ['withdrawn'],
                    },
                })
        t = cls.__table__()
        cls._sql_indexes.add(Index(
                t,
                (t.company, Index.Range()),
                (t.purity, Index.Range()),
                (t.valid_from, Index.Range(order='DESC'))))

    @classmethod
    def default_company(cls):
        return Transaction().context.get('company')

    @classmethod
    def default_valid_from(cls):
        return dt.datetime.now().replace(microsecond=0)

    @classmethod
    def default_origin(cls):
        return 'manual'

    @classmethod
    def default_withdrawn(cls):
        return False

    @classmethod
    @ModelView.button
    def withdraw(cls, rates):
        """Withdraw mistaken rates: they no longer price anything, the
        rate entered before each is in force again, and the withdrawal is
        a change in the rate's history (who, when)"""
        cls.write([r for r in rates if not r.withdrawn], {'withdrawn': True})

    @fields.depends('purity')
    def on_change_with_metal(self, name=None):
        return self.purity.metal if self.purity else None

    @classmethod
    def search_metal(cls, name, clause):
        return [('purity.metal' + clause[0][len(name):], *clause[1:])]

    def get_rec_name(self, name):
        return f'{self.purity.rec_name} @ {self.sell_rate}'

    @property
    def exact_sell_rate(self):
        """The per gram sell rate that prices the metal: a derived rate's
        base rate x factor, unrounded (the board shows it to the paisa)"""
        if (self.origin == 'derived' and self.base_sell_rate is not None
                and self.factor is not None):
            return self.base_sell_rate * self.factor
        return self.sell_rate

    def get_quote(self, name):
        # a derived sell rate per quote from its exact rate: 1 kg of 925
        # silver at 95.00 x 0.925 is 87,875.00, not 1,000 x 87.88
        value = (self.exact_sell_rate if name == 'sell_rate_quote'
            else getattr(self, name[:-len('_quote')]))
        if value is None:
            return None
        return cents(value * self.purity.metal.quote_weight)

    @classmethod
    def get_current(cls, rates, name):
        current = set(cls.search([('current', '=', True)], query=False))
        return {r.id: r in current for r in rates}

    @classmethod
    def search_current(cls, name, clause):
        pool = Pool()
        Company = pool.get('company.company')
        _, operator, value = clause
        company_id = Transaction().context.get('company')
        ids = []
        if company_id is not None and company_id >= 0:
            company = Company(company_id)
            latest = cls._latest(None, dt.datetime.now(), company)
            ids = [r.id for r in latest.values()]
        positive = (operator == '=') == bool(value)
        return [('id', 'in' if positive else 'not in', ids)]

    @classmethod
    def _latest(cls, purities, at, company):
        "Return {purity id: latest rate of the local day of at}"
        _, start = day_start(at, company)
        if purities is None:
            purities = [r.purity for r in cls.search([
                        ('company', '=', company.id),
                        ('valid_from', '>=', start),
                        ('valid_from', '<=', at),
                        ])]
        day = cls._day_rates({int(p) for p in purities}, start, company)
        result = {}
        for purity_id, entries in day.items():
            for valid_from, rate_id in entries:
                if valid_from <= at:
                    result[purity_id] = cls(rate_id)
                    break
        return result

    @classmethod
    def _day_rates(cls, purity_ids, start, company):
        """Return {purity id: [(valid from, rate id), ...] latest first} of
        the local day starting at start, cached until a rate changes"""
        result, missing = {}, []
        for purity_id in purity_ids:
            entries = cls._day_cache.get((company.id, purity_id, start))
            if entries is None:
                missing.append(purity_id)
            else:
                result[purity_id] = entries
        if missing:
            for purity_id in missing:
                result[purity_id] = []
            for rate in cls.search([
                        ('company', '=', company.id),
                        ('purity', 'in', missing),
                        ('withdrawn', '=', False),
                        ('valid_from', '>=', start),
                        ('valid_from', '<', start + dt.timedelta(days=1)),
                        ], order=[('valid_from', 'DESC'), ('id', 'DESC')]):
                result[rate.purity.id].append((rate.valid_from, rate.id))
            for purity_id in missing:
                cls._day_cache.set(
                    (company.id, purity_id, start), result[purity_id])
        return result

    @classmethod
    def rates_at(cls, purities, at=None, company=None):
        """Return {purity id: rate} in force at the moment at (UTC naive),
        None for purities without a rate on that local day."""
        company = cls._get_company(company)
        if at is None:
            at = dt.datetime.now()
        latest = cls._latest(purities, at, company)
        return {int(p): latest.get(int(p)) for p in purities}

    @classmethod
    def rate_at(cls, purity, at=None, company=None):
        "Return the rate of purity in force at the moment or raise NoRateError"
        company = cls._get_company(company)
        if at is None:
            at = dt.datetime.now()
        rate = cls.rates_at([purity], at, company)[int(purity)]
        if not rate:
            cls.raise_no_rate(purity, at, company)
        return rate

    @classmethod
    def raise_no_rate(cls, purity, at, company):
        pool = Pool()
        Purity = pool.get('gold.purity')
        purity = Purity(int(purity))
        date, _ = day_start(at, company)
        raise NoRateError(gettext(
                'gold_rate.msg_no_rate_today',
                metal=purity.metal.rec_name, purity=purity.rec_name,
                date=date))

    @classmethod
    def _get_company(cls, company):
        pool = Pool()
        Company = pool.get('company.company')
        if company is None:
            company = Company(Transaction().context['company'])
        elif isinstance(company, int):
            company = Company(company)
        return company

    @classmethod
    def gold_import(cls, rows):
        """Create the rates of import rows (line, purity id, sell_rate,
        buy_rate and optional valid_from), all or nothing; a row equal to
        the rate in force on its day is skipped. Return [created, skipped]"""
        pool = Pool()
        Purity = pool.get('gold.purity')
        company = cls._get_company(None)
        errors, to_create, skipped = [], [], 0
        for row in check_rows(rows):
            try:
                values = convert_row(cls, row,
                    ['purity', 'sell_rate', 'buy_rate', 'valid_from'],
                    row['line'], required={'purity', 'sell_rate', 'buy_rate'})
            except RowError as e:
                errors.append(e.message)
                continue
            valid_from = values['valid_from'] or cls.default_valid_from()
            purities = Purity.search([('id', '=', values['purity'])])
            if not purities:
                errors.append(gettext('gold_rate.msg_row_value',
                        line=row['line'], value=values['purity'],
                        field=cls.__names__('purity')['field']))
                continue
            purity, = purities
            rate = cls(
                company=company, purity=purity, valid_from=valid_from,
                sell_rate=values['sell_rate'], buy_rate=values['buy_rate'],
                origin='manual')
            try:
                rate.check_positive()
            except RateValidationError as e:
                errors.append(f"line {row['line']}: {e.message}")
                continue
            current = cls.rates_at([rate.purity], valid_from, company)[
                rate.purity.id]
            if (current and current.sell_rate == rate.sell_rate
                    and current.buy_rate == rate.buy_rate
                    and (not row.get('valid_from')
                        or current.valid_from == valid_from)):
                skipped += 1
                continue
            to_create.append(rate)
        if errors:
            raise RateValidationError(gettext(
                    'gold_rate.msg_import_errors',
                    count=len(errors), errors='\n'.join(errors[:50])))
        # create, not save: save is the server's own and checks no access,
        # create checks the caller's as any client's create does
        cls.create([r._save_values() for r in to_create])
        return [len(to_create), skipped]

    @classmethod
    def validate_fields(cls, rates, field_names):
        super().validate_fields(rates, field_names)
        if field_names & {'sell_rate', 'buy_rate'}:
            for rate in rates:
                rate.check_positive()

    def check_positive(self):
        """Both rates above zero, and the shop never buys a purity back
        dearer than it sells it"""
        for fname in ['sell_rate', 'buy_rate']:
            value = getattr(self, fname)
            if value is None or value <= 0:
                raise RateValidationError(gettext(
                        'gold_rate.msg_rate_positive',
                        field=self.__names__(fname)['field'],
                        value=value, purity=self.purity.rec_name))
        if self.buy_rate > self.sell_rate:
            raise RateValidationError(gettext(
                    'gold_rate.msg_rate_buy_above_sell',
                    buy=self.buy_rate, sell=self.sell_rate,
                    purity=self.purity.rec_name))

    @classmethod
    def create(cls, vlist):
        cls._day_cache.clear()
        return super().create(vlist)

    @classmethod
    def write(cls, *args):
        cls._day_cache.clear()
        super().write(*args)

    @classmethod
    def delete(cls, rates):
        cls._day_cache.clear()
        super().delete(rates)


class RateChange(ModelSQL, ModelView):
    """A version of a rate, from Tryton's history of gold.rate, beside the
    version before it: who entered, changed, withdrew or deleted which
    rate when, and the sell and buy rates before and after"""
    __name__ = 'gold.rate.change'
    __string__ = "Metal Rate Change"
    date = fields.DateTime("Date", readonly=True)
    user = fields.Many2One('res.user', "User", readonly=True)
    kind = fields.Selection([
            ('entered', "Entered"),
            ('changed', "Changed"),
            ('withdrawn', "Withdrawn"),
            ('deleted', "Deleted"),
            ], "Change", readonly=True)
    rate = fields.Many2One(
        'gold.rate', "Rate", readonly=True,
        help="Empty once the rate is deleted.")
    company = fields.Many2One('company.company', "Company", readonly=True)
    purity = fields.Many2One('gold.purity', "Purity", readonly=True)
    valid_from = fields.DateTime("Valid From", readonly=True)
    old_sell_rate = fields.Numeric(
        "Sell Rate Before", digits=RATE_DIGITS, readonly=True)
    sell_rate = fields.Numeric("Sell Rate", digits=RATE_DIGITS, readonly=True)
    old_buy_rate = fields.Numeric(
        "Buy Rate Before", digits=RATE_DIGITS, readonly=True)
    buy_rate = fields.Numeric("Buy Rate", digits=RATE_DIGITS, readonly=True)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [('date', 'DESC'), ('id', 'DESC')]

    @classmethod
    def table_query(cls):
        Rate = Pool().get('gold.rate')
        history = Rate.__table_history__()
        version = Column(history, '__id')
        window = Window([history.id], order_by=[version.asc])

        def before(column):
            return Lag(column, window=window)
        versions = history.select(
            version.as_('version'), history.id.as_('rate'),
            Coalesce(history.write_date, history.create_date).as_('date'),
            Coalesce(history.write_uid, history.create_uid).as_('user'),
            # a deleted rate's version has only its id and who deleted it
            (history.purity == Null).as_('deleted'),
            before(version).as_('old_version'),
            Coalesce(history.company, before(history.company)).as_(
                'company'),
            Coalesce(history.purity, before(history.purity)).as_('purity'),
            Coalesce(history.valid_from, before(history.valid_from)).as_(
                'valid_from'),
            history.withdrawn, before(history.withdrawn).as_('was_withdrawn'),
            history.sell_rate, before(history.sell_rate).as_('old_sell_rate'),
            history.buy_rate, before(history.buy_rate).as_('old_buy_rate'))
        kind = Case(
            (versions.old_version == Null, 'entered'),
            (versions.deleted, 'deleted'),
            ((versions.withdrawn == Literal(True))
                & (Coalesce(versions.was_withdrawn, Literal(False))
                    == Literal(False)), 'withdrawn'),
            else_='changed')
        return versions.select(
            versions.version.as_('id'),
            Literal(0).as_('create_uid'),
            CurrentTimestamp().as_('create_date'),
            Literal(None).as_('write_uid'),
            Literal(None).as_('write_date'),
            versions.date, versions.user, kind.as_('kind'),
            Case((versions.deleted, Null), else_=versions.rate).as_('rate'),
            versions.company, versions.purity, versions.valid_from,
            versions.old_sell_rate,
            versions.sell_rate,
            versions.old_buy_rate,
            versions.buy_rate)


class RateEnterStart(ModelView):
    __name__ = 'gold.rate.enter.start'
    __string__ = "Enter Today's Rates"
    company = fields.Many2One(
        'company.company', "Company", required=True, readonly=True)
    metal = fields.Many2One('gold.metal', "Metal", required=True)
    base_purity = fields.Many2One('gold.purity', "Base Purity", readonly=True)
    quote_weight = fields.Numeric(
        "Quoted per (g)", digits=(16, 3), readonly=True)
    valid_from = fields.DateTime("Valid From", required=True)
    valid_from_shop = fields.Function(fields.Char(
            "Shop's Time",
            help="When the rates come into force, on the shop's clock (the "
            "company's time zone), whatever this computer's time zone."),
        'on_change_with_valid_from_shop')
    base_sell_quote = fields.Numeric(
        "Base Sell Rate", digits=RATE_DIGITS, required=True,
        help="The base purity's sell rate as quoted (per quote weight).")
    base_buy_quote = fields.Numeric(
        "Base Buy Rate", digits=RATE_DIGITS, required=True,
        help="The base purity's old gold buy rate as quoted.")
    lines = fields.One2Many(
        'gold.rate.enter.line', None, "Rates per Gram",
        help="Derived rates; change one to override it for today.")

    @fields.depends('valid_from', 'company')
    def on_change_with_valid_from_shop(self, name=None):
        if self.valid_from:
            return company_time(self.valid_from, self.company)

    @fields.depends('metal')
    def on_change_with_base_purity(self):
        return self.metal.base_purity if self.metal else None

    @fields.depends('metal')
    def on_change_with_quote_weight(self):
        return self.metal.quote_weight if self.metal else None

    @fields.depends(
        'metal', 'base_sell_quote', 'base_buy_quote', 'lines')
    def on_change_metal(self):
        self._derive_lines()

    @fields.depends(methods=['on_change_metal'])
    def on_change_base_sell_quote(self):
        self._derive_lines()

    @fields.depends(methods=['on_change_metal'])
    def on_change_base_buy_quote(self):
        self._derive_lines()

    @fields.depends('metal', 'base_sell_quote', 'base_buy_quote', 'lines')
    def _derive_lines(self):
        pool = Pool()
        Line = pool.get('gold.rate.enter.line')
        if not self.metal:
            self.lines = []
            return
        sell, buy = self.base_per_gram()
        lines = []
        for purity in self.metal.purities:
            if not purity.active:
                continue
            line = Line(purity=purity, factor=purity.factor)
            if purity == self.metal.base_purity:
                line.derived_sell, line.derived_buy = sell, buy
            else:
                line.derived_sell = derive_rate(sell, purity.factor)
                line.derived_buy = derive_rate(buy, purity.factor)
            line.sell_rate, line.buy_rate = line.derived_sell, line.derived_buy
            lines.append(line)
        self.lines = lines

    def base_per_gram(self):
        weight = self.metal.quote_weight or Decimal(1)

        def per_gram(value):
            if value is None:
                return None
            return cents(value / weight)
        return per_gram(self.base_sell_quote), per_gram(self.base_buy_quote)


class RateEnterLine(ModelView):
    "Enter Today's Rates Line"
    __name__ = 'gold.rate.enter.line'
    __string__ = 'Rate to Enter'
    purity = fields.Many2One('gold.purity', "Purity", readonly=True)
    factor = fields.Numeric("Factor", digits=FACTOR_DIGITS, readonly=True)
    derived_sell = fields.Numeric(
        "Derived Sell", digits=RATE_DIGITS, readonly=True)
    derived_buy = fields.Numeric(
        "Derived Buy", digits=RATE_DIGITS, readonly=True)
    sell_rate = fields.Numeric("Sell Rate", digits=RATE_DIGITS, required=True)
    buy_rate = fields.Numeric("Buy Rate", digits=RATE_DIGITS, required=True)
    override = fields.Function(
        fields.Boolean("Override"), 'on_change_with_override')

    @fields.depends('sell_rate', 'buy_rate', 'derived_sell', 'derived_buy')
    def on_change_with_override(self, name=None):
        return (self.sell_rate != self.derived_sell
            or self.buy_rate != self.derived_buy)


class RateEnterDone(ModelView):
    "Today's Rates Saved"
    __name__ = 'gold.rate.enter.done'
    __string__ = 'Rates Saved'
    summary = fields.Text("Saved", readonly=True)


class RateEnter(Wizard):
    "Enter Today's Rates"
    __name__ = 'gold.rate.enter'
    start = StateView(
        'gold.rate.enter.start', 'gold_rate.rate_enter_start_view_form', [
            Button("Cancel", 'end', 'tryton-cancel'),
            Button("Save Rates", 'save', 'tryton-ok', default=True),
            ])
    save = StateTransition()
    done = StateView(
        'gold.rate.enter.done', 'gold_rate.rate_enter_done_view_form', [
            Button("Close", 'end', 'tryton-ok', default=True),
            ])

    def default_start(self, fields):
        pool = Pool()
        Metal = pool.get('gold.metal')
        Rate = pool.get('gold.rate')
        values = {
            'company': Transaction().context.get('company'),
            'valid_from': Rate.default_valid_from(),
            }
        metals = Metal.search([('base_purity', '!=', None)], limit=1)
        if metals:
            metal, = metals
            values.update({
                    'metal': metal.id,
                    'base_purity': metal.base_purity.id,
                    'quote_weight': metal.quote_weight,
                    })
        return values

    def transition_save(self):
        pool = Pool()
        Rate = pool.get('gold.rate')
        start = self.start
        if not start.lines:
            start._derive_lines()
        if not start.lines:
            raise RateValidationError(gettext(
                    'gold_rate.msg_enter_no_line',
                    metal=start.metal.rec_name))
        rates = Rate.create(
            [self.get_rate_values(line) for line in start.lines])
        self.done.summary = self.saved_summary(rates)
        return 'done'

    def saved_summary(self, rates):
        "What was saved, as the owner checks it against the quote"
        Lang = Pool().get('ir.lang')
        lang = Lang.get()
        start = self.start

        def amount(value):
            return lang.format('%.2f', value, grouping=True)
        lines = [gettext('gold_rate.msg_enter_saved',
                count=len(rates), metal=start.metal.rec_name,
                valid_from=company_time(start.valid_from, start.company))]
        for rate in rates:
            lines.append(gettext('gold_rate.msg_enter_saved_rate',
                    purity=rate.purity.rec_name,
                    sell=amount(rate.sell_rate), buy=amount(rate.buy_rate),
                    origin=rate.origin_string))
        return '\n'.join(lines)

    def default_done(self, fields):
        return {'summary': self.done.summary}

    def get_rate_values(self, line):
        start = self.start
        if line.purity == start.metal.base_purity:
            origin = 'base'
        elif (line.sell_rate != line.derived_sell
                or line.buy_rate != line.derived_buy):
            origin = 'override'
        else:
            origin = 'derived'
        values = {
            'company': start.company.id,
            'purity': line.purity.id,
            'valid_from': start.valid_from,
            'sell_rate': line.sell_rate,
            'buy_rate': line.buy_rate,
            'origin': origin,
            }
        if origin == 'derived':
            values['base_sell_rate'], _ = start.base_per_gram()
            values['factor'] = line.factor
        return values

    def end(self):
        return 'reload'
