"""Stock by Purity: pieces, gross, net and fine weight per storage location
and purity at a date, from the done moves in one SQL aggregate."""
from sql import Cast, Literal, Null, Window
from sql.aggregate import Sum
from sql.conditionals import Case, Coalesce
from sql.functions import CurrentTimestamp, RowNumber

from trytond.model import ModelSQL, ModelView, fields
from trytond.modules.gold_product.pricing import grams
from trytond.modules.gold_product.product import WEIGHT
from trytond.modules.gold_rate.migration import move_records
from trytond.pool import Pool
from trytond.transaction import Transaction

# moved from gold_product with the model (migration)
MOVED_XML_IDS = [
    'stock_purity_view_list', 'stock_purity_context_view_form',
    'act_stock_purity', 'act_stock_purity_view1', 'menu_stock_purity',
    'menu_stock_purity_group_stock', 'access_stock_purity',
    'access_stock_purity_group_stock']


class StockPurity(ModelSQL, ModelView):
    """Stock by purity and location: pieces, gross, net and fine weight of
    what every storage location holds, from the done moves in one SQL
    aggregate (context: date, the end of that day; today by default)"""
    __name__ = 'gold.stock.purity'
    __string__ = "Stock by Purity"

    location = fields.Many2One('stock.location', "Location", readonly=True)
    metal = fields.Many2One('gold.metal', "Metal", readonly=True)
    purity = fields.Many2One('gold.purity', "Purity", readonly=True)
    pieces = fields.Integer("Pieces", readonly=True)
    gross_weight = fields.Numeric("Gross Weight", digits=WEIGHT,
        readonly=True, help="Of the tagged pieces and of the metal kept by "
        "weight, in grams.")
    net_weight = fields.Numeric("Net Weight", digits=WEIGHT, readonly=True)
    fine_weight = fields.Numeric(
        "Fine Weight", digits=WEIGHT, readonly=True,
        help="Net weight x the purity's factor, summed unrounded.")

    @classmethod
    def __register__(cls, module):
        # Migration: Stock by Purity was gold_product's
        move_records('gold_product', module, MOVED_XML_IDS,
            ['gold.stock.purity', 'gold.stock.purity.context'])
        super().__register__(module)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [('location', 'ASC'), ('purity', 'ASC'), ('id', 'ASC')]

    @classmethod
    def table_query(cls):
        pool = Pool()
        Move = pool.get('stock.move')
        Lot = pool.get('stock.lot')
        Location = pool.get('stock.location')
        Product = pool.get('product.product')
        Template = pool.get('product.template')
        Purity = pool.get('gold.purity')
        Date = pool.get('ir.date')
        context = Transaction().context
        move, lot = Move.__table__(), Lot.__table__()
        location = Location.__table__()
        product, template = Product.__table__(), Template.__table__()
        purity = Purity.__table__()
        date = context.get('date') or Date.today()
        done = ((move.state == 'done') & (move.lot != Null)
            & (move.effective_date <= date))
        if context.get('company'):
            done &= move.company == context['company']
        # what each lot brought into and took out of each location; the
        # sums are linear in the quantities, so the moves are summed
        # straight into (location, purity), without a stock per lot first
        quantity = Cast(move.internal_quantity, 'NUMERIC')
        flows = move.select(
            move.to_location.as_('location'), move.lot.as_('lot'),
            quantity.as_('quantity'), where=done)
        flows |= move.select(
            move.from_location.as_('location'), move.lot.as_('lot'),
            (-quantity).as_('quantity'), where=done)
        flows.all_ = True
        # a tagged piece weighs its lot's weights; metal kept by weight
        # (bullion, old metal) is held in grams
        tagged = template.gold_sale_mode == 'tagged'
        piece_net = (lot.gold_gross_weight - Coalesce(lot.gold_stone_weight, 0)
            - Coalesce(lot.gold_other_weight, 0))
        net = Case(
            (tagged, flows.quantity * piece_net), else_=flows.quantity)
        gross = Sum(Case(
                (tagged, flows.quantity * lot.gold_gross_weight),
                else_=flows.quantity))
        fine = Sum(net * purity.factor)
        net = Sum(net)
        pieces = Sum(Case((tagged, flows.quantity), else_=0))
        query = (flows
            .join(location, condition=location.id == flows.location)
            .join(lot, condition=lot.id == flows.lot)
            .join(product, condition=product.id == lot.product)
            .join(template, condition=template.id == product.template)
            .join(purity, condition=purity.id == Coalesce(
                    lot.gold_weight_purity, template.gold_purity))
            .select(
                RowNumber(window=Window(
                        [], order_by=[flows.location.asc, purity.id.asc])
                    ).as_('id'),
                Literal(0).as_('create_uid'),
                CurrentTimestamp().as_('create_date'),
                Literal(None).as_('write_uid'),
                Literal(None).as_('write_date'),
                flows.location.as_('location'),
                purity.metal.as_('metal'),
                purity.id.as_('purity'),
                pieces.as_('pieces'),
                gross.as_('gross_weight'),
                net.as_('net_weight'),
                fine.as_('fine_weight'),
                where=location.type == 'storage',
                group_by=[flows.location, purity.metal, purity.id],
                having=(pieces != 0) | (gross != 0)))
        return query

    @classmethod
    def read(cls, ids, fields_names):
        "The sums come back from SQL as numbers of the backend's own types"
        rows = super().read(ids, fields_names)
        for row in rows:
            for name in ['gross_weight', 'net_weight', 'fine_weight']:
                if row.get(name) is not None:
                    row[name] = grams(row[name])
            if row.get('pieces') is not None:
                row['pieces'] = int(row['pieces'])
        return rows


class StockPurityContext(ModelView):
    __name__ = 'gold.stock.purity.context'
    __string__ = "Stock by Purity Context"

    date = fields.Date("At Date", help="The stock at the end of that day.")

    @classmethod
    def default_date(cls):
        return Pool().get('ir.date').today()
