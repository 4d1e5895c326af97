"""Sales by category, purity, product, counter and salesperson.

One report a grouping, as Tryton's sales reporting has one a dimension:
the bills' stored line figures (sale_report.sale_lines) summed by group,
with each group's share of the net sales. A piece in several categories
counts in each, as in Tryton's sales by category."""
from sql import Window
from sql.aggregate import Count, Max, Min, Sum
from sql.conditionals import Case, NullIf
from sql.functions import Round

from trytond.model import ModelSQL, ModelView, fields
from trytond.modules.currency.fields import Monetary
from trytond.pool import Pool

from .sale_report import (
    MONEY, CompanyReport, SalesFigures, money_sum, record_columns,
    report_context, sale_lines, weight_sum)


class SaleGroupMixin(SalesFigures, CompanyReport, ModelSQL, ModelView):
    "The figures of a group of bill lines"
    share = fields.Numeric("Share %", digits=(16, 1), readonly=True,
        help="The group's part of the report's net sales, in percent.")
    discount = Monetary("Discount", currency='currency', digits=MONEY,
        readonly=True, help="The discounts given on making, net of returns.")
    making_percent = fields.Numeric("Making % of Metal", digits=(16, 1),
        readonly=True,
        help="The making charged, in percent of the metal value.")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [('net_sales', 'DESC'), ('id', 'ASC')]

    @classmethod
    def _group(cls, lines):
        """Return the lines joined to what groups them, the group's column
        and the row's id: unique among the groups"""
        raise NotImplementedError

    @classmethod
    def table_query(cls):
        lines = sale_lines(report_context())
        from_, group, id_ = cls._group(lines)
        name = cls._group_field
        sold = lines.untaxed > 0

        groups = from_.select(
            id_.as_('id'),
            Max(lines.company).as_('company'),
            group.as_(name),
            Count(Case((sold, lines.sale)), distinct=True).as_('bills'),
            Sum(lines.pieces).as_('pieces'),
            weight_sum(Sum(lines.net_weight)).as_('net_weight'),
            weight_sum(Sum(lines.fine_weight)).as_('fine_weight'),
            money_sum(Sum(Case((sold, lines.untaxed), else_=0))).as_('sales'),
            money_sum(Sum(Case((~sold, -lines.untaxed), else_=0))).as_(
                'returns'),
            money_sum(Sum(lines.untaxed)).as_('net_sales'),
            money_sum(Sum(lines.tax)).as_('tax'),
            money_sum(Sum(lines.discount)).as_('discount'),
            Sum(lines.making).as_('making'),
            Sum(lines.metal_value).as_('metal_value'),
            group_by=[group])
        total = Sum(groups.net_sales, window=Window([]))

        def percent(value, of):
            return Round(cls.share.sql_cast(
                    value * 100 / NullIf(of, 0)), 1)
        return groups.select(
            *record_columns(groups.id),
            groups.company,
            getattr(groups, name),
            groups.bills, groups.pieces,
            groups.net_weight, groups.fine_weight,
            groups.sales, groups.returns, groups.net_sales,
            percent(groups.net_sales, total).as_('share'),
            groups.tax, groups.discount,
            percent(groups.making, groups.metal_value).as_(
                'making_percent'))


class SaleCategory(SaleGroupMixin):
    __name__ = 'gold.report.sale.category'
    __string__ = "Sales by Category"
    _group_field = 'category'

    category = fields.Many2One(
        'product.category', "Category", readonly=True)

    @classmethod
    def _group(cls, lines):
        pool = Pool()
        Product = pool.get('product.product')
        TemplateCategory = pool.get('product.template-product.category')
        product = Product.__table__()
        template_category = TemplateCategory.__table__()
        from_ = (lines
            .join(product, condition=lines.product == product.id)
            .join(template_category,
                condition=template_category.template == product.template))
        # a line is in each of its categories: the category is the id
        return from_, template_category.category, template_category.category


class _LineGroup(SaleGroupMixin):
    "Grouped by a column of the lines, which they fall in one each"

    @classmethod
    def _group(cls, lines):
        return lines, getattr(lines, cls._group_column), Min(lines.line)


class SalePurity(_LineGroup):
    __name__ = 'gold.report.sale.purity'
    __string__ = "Sales by Purity"
    _group_field = _group_column = 'purity'

    purity = fields.Many2One('gold.purity', "Purity", readonly=True,
        help="The purity of the board rate that priced the lines; empty for "
        "what no rate priced.")


class SaleProduct(_LineGroup):
    __name__ = 'gold.report.sale.product'
    __string__ = "Sales by Product"
    _group_field = _group_column = 'product'

    product = fields.Many2One('product.product', "Product", readonly=True)


class SalePoint(_LineGroup):
    __name__ = 'gold.report.sale.point'
    __string__ = "Sales by Counter"
    _group_field = _group_column = 'point'

    point = fields.Many2One('sale.point', "Counter", readonly=True)


class SaleSalesperson(_LineGroup):
    __name__ = 'gold.report.sale.salesperson'
    __string__ = "Sales by Salesperson"
    _group_field = 'salesperson'
    _group_column = 'employee'

    salesperson = fields.Many2One(
        'company.employee', "Salesperson", readonly=True,
        help="Empty for the bills no salesperson made.")
