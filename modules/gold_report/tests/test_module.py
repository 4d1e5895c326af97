import datetime as dt

from sql import Literal, Select

from trytond.modules.account.tests import get_fiscalyear
from trytond.modules.company.tests import create_company, set_company
from trytond.modules.gold_report.period import period_start
from trytond.pool import Pool
from trytond.tests.test_tryton import ModuleTestCase, with_transaction
from trytond.transaction import Transaction


class GoldReportTestCase(ModuleTestCase):
    "Test Gold Report module"
    module = 'gold_report'
    extras = ['gold_account']

    def starts(self, period, dates, company=None):
        "The period starts of dates, computed by the database"
        pool = Pool()
        date_cast = pool.get('sale.point.sale').date.sql_cast
        period_cast = pool.get('gold.report.sale.period').period.sql_cast
        cursor = Transaction().connection.cursor()
        result = []
        for date in dates:
            start = period_start(
                period, date_cast(Literal(date.isoformat())), company)
            cursor.execute(*Select([period_cast(start)]))
            value, = cursor.fetchone()
            if isinstance(value, str):
                value = dt.date.fromisoformat(value)
            result.append(value)
        return result

    @with_transaction()
    def test_week(self):
        "A week starts on Monday on both backends"
        # Monday 23, Sunday 29 and Monday 30 November 2026
        self.assertEqual(self.starts('week', [
                    dt.date(2026, 11, 23), dt.date(2026, 11, 29),
                    dt.date(2026, 11, 30), dt.date(2027, 1, 1)]), [
                dt.date(2026, 11, 23), dt.date(2026, 11, 23),
                dt.date(2026, 11, 30), dt.date(2026, 12, 28)])

    @with_transaction()
    def test_month_quarter_year(self):
        "Months, quarters (January, April, July, October) and years"
        dates = [dt.date(2026, 2, 28), dt.date(2026, 3, 31),
            dt.date(2026, 4, 1), dt.date(2026, 11, 25)]
        self.assertEqual(self.starts('day', dates), dates)
        self.assertEqual(self.starts('month', dates), [
                dt.date(2026, 2, 1), dt.date(2026, 3, 1),
                dt.date(2026, 4, 1), dt.date(2026, 11, 1)])
        self.assertEqual(self.starts('quarter', dates), [
                dt.date(2026, 1, 1), dt.date(2026, 1, 1),
                dt.date(2026, 4, 1), dt.date(2026, 10, 1)])
        self.assertEqual(self.starts('year', dates), [dt.date(2026, 1, 1)] * 4)

    @with_transaction()
    def test_fiscalyear(self):
        "India's financial years run from April to March"
        company = create_company()
        with set_company(company):
            for year in [2025, 2026]:
                fiscalyear = get_fiscalyear(company,
                    start_date=dt.date(year, 4, 1),
                    end_date=dt.date(year + 1, 3, 31))
                fiscalyear.save()
            self.assertEqual(self.starts('fiscalyear', [
                        dt.date(2026, 3, 31), dt.date(2026, 4, 1),
                        dt.date(2027, 3, 31)], Literal(company.id)), [
                    dt.date(2025, 4, 1), dt.date(2026, 4, 1),
                    dt.date(2026, 4, 1)])


del ModuleTestCase
