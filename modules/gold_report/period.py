"""The periods of the reports, in SQL, the same on SQLite and PostgreSQL.

period_start() gives the first day of the day, week (from Monday), month,
quarter, year or financial year holding a date. PostgreSQL truncates
dates itself; Tryton's SQLite date_trunc knows no week nor quarter (it
gives the year's first day), so on SQLite the start is made with SQLite's
date modifiers. A financial year is the company's fiscal year holding the
date (April to March in India): Tryton's account.fiscalyear."""
import datetime as dt

from dateutil.relativedelta import relativedelta
from sql import Cast, Null
from sql.conditionals import Coalesce
from sql.functions import DateTrunc, Function
from sql.operators import Concat, Mod

from trytond import backend
from trytond.pool import Pool

PERIODS = [
    ('day', "Day"),
    ('week', "Week"),
    ('month', "Month"),
    ('quarter', "Quarter"),
    ('year', "Year"),
    ('fiscalyear', "Financial Year"),
    ]

# the length of each period but the financial year (the company's own)
DELTAS = {
    'day': relativedelta(days=1),
    'week': relativedelta(weeks=1),
    'month': relativedelta(months=1),
    'quarter': relativedelta(months=3),
    'year': relativedelta(years=1),
    }


class _SQLiteDate(Function):
    __slots__ = ()
    _function = 'DATE'


class _Strftime(Function):
    __slots__ = ()
    _function = 'STRFTIME'


def _sqlite_back(date, unit, field, offset, modulo):
    "DATE modifier going back (field(date) + offset) % modulo units"
    back = Mod(Cast(_Strftime(field, date), 'INTEGER') + offset, modulo)
    return Concat(Concat('-', back), ' ' + unit)


def period_start(period, date, company=None):
    """The SQL expression of the first day of the period holding date (a
    date column); a financial year needs the company column"""
    if period == 'day':
        return date
    if period == 'fiscalyear':
        return fiscalyear_start(company, date)
    if backend.name == 'sqlite':
        if period == 'week':
            # %w: 0 for Sunday; Monday starts the week
            return _SQLiteDate(date, _sqlite_back(date, 'days', '%w', 6, 7))
        if period == 'month':
            return _SQLiteDate(date, 'start of month')
        if period == 'quarter':
            return _SQLiteDate(date, 'start of month',
                _sqlite_back(date, 'months', '%m', -1, 3))
        if period == 'year':
            return _SQLiteDate(date, 'start of year')
        raise ValueError(period)
    if period not in {'week', 'month', 'quarter', 'year'}:
        raise ValueError(period)
    return Cast(DateTrunc(period, date), 'DATE')


def fiscalyear_start(company, date):
    """The start of the company's fiscal year holding date: a subquery,
    as an expression (python-sql casts an expression, not a query)"""
    FiscalYear = Pool().get('account.fiscalyear')
    fiscalyear = FiscalYear.__table__()
    return Coalesce(fiscalyear.select(fiscalyear.start_date,
            where=(fiscalyear.company == company)
            & (fiscalyear.start_date <= date)
            & (fiscalyear.end_date >= date)), Null)


def period_next(period, start, company=None):
    """The first day of the period after the one starting on start (the
    day after its last day)"""
    if period == 'fiscalyear':
        FiscalYear = Pool().get('account.fiscalyear')
        fiscalyear, = FiscalYear.search([
                ('company', '=', company),
                ('start_date', '=', start),
                ], limit=1)
        return fiscalyear.end_date + dt.timedelta(days=1)
    return start + DELTAS[period]


def period_previous(period, start, company=None):
    "The first day of the period before the one starting on start"
    if period == 'fiscalyear':
        FiscalYear = Pool().get('account.fiscalyear')
        fiscalyears = FiscalYear.search([
                ('company', '=', company),
                ('end_date', '=', start - dt.timedelta(days=1)),
                ], limit=1)
        return fiscalyears[0].start_date if fiscalyears else None
    return start - DELTAS[period]
