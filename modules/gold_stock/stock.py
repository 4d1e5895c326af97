"""Stock across shops and counters: transfers weighed on arrival, counts by
scanning tags and by weighing trays, and the history of a piece or a
product's movements, on Tryton's internal shipments, inventories and
moves."""
from decimal import Decimal

from trytond.i18n import gettext
from trytond.model import ModelView, fields
from trytond.modules.gold_product.pricing import grams
from trytond.modules.gold_product.product import WEIGHT
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval

from .exceptions import CountError, TransferWeightError, TrayWeightWarning

ZERO = Decimal('0.000')


def piece_gross(lot, quantity):
    "The gross weight of quantity (a Tryton float) of a tagged piece"
    return grams(lot.gold_gross_weight * grams(quantity))


def weight_tolerance():
    "The stock configuration's weight tolerance in grams"
    Configuration = Pool().get('stock.configuration')
    tolerance = Configuration(1).gold_transfer_tolerance
    return tolerance if tolerance is not None else ZERO


class Configuration(metaclass=PoolMeta):
    __name__ = 'stock.configuration'

    gold_transfer_tolerance = fields.Numeric(
        "Transfer and Count Weight Tolerance (g)", digits=WEIGHT,
        help="How far a transfer weighed on arrival, or a tray weighed at "
        "a count, may differ from its pieces' weights, in grams (the "
        "purchase configuration has the tolerance of receipts).")

    @classmethod
    def __register__(cls, module):
        table_h = cls.__table_handler__(module)
        # Migration: one name for the tolerance of receipts and of stock
        table_h.column_rename(
            'gold_weight_tolerance', 'gold_transfer_tolerance')
        super().__register__(module)

    @classmethod
    def default_gold_transfer_tolerance(cls):
        return Decimal('0.010')


class Move(metaclass=PoolMeta):
    __name__ = 'stock.move'

    gold_movement = fields.Function(fields.Selection([
                (None, ""),
                ('purchase', "Purchase"),
                ('purchase_return', "Purchase Return"),
                ('sale', "Sale"),
                ('sale_return', "Sale Return"),
                ('transfer', "Transfer"),
                ('inventory', "Stock Count"),
                ('production', "Production"),
                ], "Movement"), 'get_gold_movement')
    gold_gross_weight = fields.Function(fields.Numeric(
            "Gross Weight", digits=WEIGHT), 'get_gold_gross_weight')

    def get_gold_movement(self, name):
        "What the move is to the shop: in from a purchase, out to a sale..."
        from_, to = self.from_location.type, self.to_location.type
        if from_ == 'supplier':
            return 'purchase'
        if to == 'supplier':
            return 'purchase_return'
        if to == 'customer':
            return 'sale'
        if from_ == 'customer':
            return 'sale_return'
        if 'lost_found' in {from_, to}:
            return 'inventory'
        if 'production' in {from_, to}:
            return 'production'
        if {from_, to} <= {'storage', 'view', 'drop', 'transit'}:
            return 'transfer'

    @property
    def gold_weight(self):
        """The gross weight the move carries: a tagged piece's, or the
        grams of a metal kept by weight; None for anything else"""
        pool = Pool()
        ModelData = pool.get('ir.model.data')
        lot = self.lot
        if lot and lot.gold_tagged and lot.gold_gross_weight is not None:
            return piece_gross(lot, self.quantity)
        gram = ModelData.get_id('product', 'uom_gram')
        if lot and self.product.default_uom.id == gram:
            return grams(self.internal_quantity)

    def get_gold_gross_weight(self, name):
        return self.gold_weight


class ShipmentInternal(metaclass=PoolMeta):
    """A transfer between shops or counters is weighed on arrival: what
    arrives weighs what left, within the tolerance"""
    __name__ = 'stock.shipment.internal'

    gold_sent_weight = fields.Function(fields.Numeric(
            "Gross Weight Sent", digits=WEIGHT,
            help="The tagged pieces' gross weights and the grams of metal "
            "kept by weight that left."),
        'get_gold_sent_weight')
    gold_received_weight = fields.Numeric(
        "Gross Weight on Arrival", digits=WEIGHT,
        states={
            'readonly': Eval('state').in_(['done', 'cancelled']),
            'invisible': ~Eval('gold_sent_weight'),
            },
        help="What the receiver's scale shows for everything that arrived.")

    @property
    def gold_weighed_moves(self):
        "The moves whose weight left the sending location"
        if self.transit_location:
            return self.outgoing_moves
        return self.moves

    def get_gold_sent_weight(self, name):
        weights = [m.gold_weight for m in self.gold_weighed_moves
            if m.state != 'cancelled']
        weights = [w for w in weights if w is not None]
        if weights:
            return sum(weights, ZERO)

    @classmethod
    def do(cls, shipments):
        cls.check_gold_weight(shipments)
        super().do(shipments)

    @classmethod
    def check_gold_weight(cls, shipments):
        "Refuse a transfer unweighed, or whose weight changed on the way"
        tolerance = weight_tolerance()
        for shipment in shipments:
            sent = shipment.gold_sent_weight
            if not sent:
                continue
            received = shipment.gold_received_weight
            if received is None:
                raise TransferWeightError(gettext(
                        'gold_stock.msg_transfer_unweighed',
                        shipment=shipment.rec_name, expected=sent))
            if abs(received - sent) > tolerance:
                raise TransferWeightError(gettext(
                        'gold_stock.msg_transfer_weight',
                        shipment=shipment.rec_name, received=received,
                        expected=sent, difference=received - sent,
                        tolerance=tolerance))

    @classmethod
    def copy(cls, shipments, default=None):
        default = default.copy() if default is not None else {}
        default.setdefault('gold_received_weight')
        return super().copy(shipments, default=default)


class Inventory(metaclass=PoolMeta):
    """A stock count by scanning every tag of a location, by weighing its
    tray, or both. The pieces expected and not scanned are missing, the
    pieces scanned and not expected are extra; the tray's weight is
    compared with its pieces' tags."""
    __name__ = 'stock.inventory'

    gold_scanned = fields.Text(
        "Scanned Tags",
        states={'readonly': Eval('state') != 'draft'},
        help="The tags, barcodes or HUIDs scanned, one a line, as a "
        "scanner types them.")
    gold_missing = fields.Function(fields.Text(
            "Missing Pieces",
            help="Expected at the location, counted zero."),
        'get_gold_count')
    gold_extra = fields.Function(fields.Text(
            "Extra Pieces", help="Counted, not expected at the location."),
        'get_gold_count')
    gold_tray_weight = fields.Numeric(
        "Tray Weight", digits=WEIGHT,
        states={'readonly': Eval('state') != 'draft'},
        help="The gross weight of the location's pieces on the scale.")
    gold_tray_expected = fields.Function(fields.Numeric(
            "Tags Weight", digits=WEIGHT,
            help="The gross weight of the pieces counted, from their tags."),
        'get_gold_count')
    gold_tray_difference = fields.Function(fields.Numeric(
            "Weight Difference", digits=WEIGHT), 'get_gold_count')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._buttons.update({
                'gold_apply_scan': {
                    'invisible': Eval('state') != 'draft',
                    'readonly': ~Eval('gold_scanned'),
                    'depends': ['state', 'gold_scanned'],
                    },
                })

    def _gold_piece_lines(self):
        return [l for l in self.lines if l.lot and l.lot.gold_tagged]

    @classmethod
    def get_gold_count(cls, inventories, names):
        result = {n: {} for n in names}
        for inventory in inventories:
            lines = inventory._gold_piece_lines()
            missing = [l.lot.number for l in lines
                if (l.expected_quantity or 0) > 0 and not l.quantity]
            extra = [l.lot.number for l in lines
                if (l.quantity or 0) > (l.expected_quantity or 0)]
            expected = sum(
                (piece_gross(l.lot, l.quantity) for l in lines
                    if l.quantity and l.lot.gold_gross_weight is not None),
                ZERO)
            weighed = inventory.gold_tray_weight
            values = {
                'gold_missing': '\n'.join(missing),
                'gold_extra': '\n'.join(extra),
                'gold_tray_expected': expected,
                'gold_tray_difference': (
                    weighed - expected if weighed is not None else None),
                }
            for name in names:
                result[name][inventory.id] = values[name]
        return result

    @staticmethod
    def gold_codes(text):
        "Return the codes of a scan text, one a line, in order, once each"
        codes = []
        for code in (text or '').splitlines():
            code = code.strip()
            if code and code not in codes:
                codes.append(code)
        return codes

    @classmethod
    @ModelView.button
    def gold_apply_scan(cls, inventories):
        """Count the scanned pieces 1 and the pieces expected and not
        scanned 0; a piece scanned from elsewhere is counted in. Unknown
        codes are refused, with nothing written."""
        pool = Pool()
        Line = pool.get('stock.inventory.line')
        Lot = pool.get('stock.lot')
        scans = {}
        for inventory in inventories:
            pieces, unknown = [], []
            for code in cls.gold_codes(inventory.gold_scanned):
                found = Lot.gold_scanned(code, limit=1)
                if found:
                    pieces.append(found[0])
                else:
                    unknown.append(code)
            if unknown:
                raise CountError(gettext(
                        'gold_stock.msg_count_unknown',
                        inventory=inventory.rec_name,
                        codes=', '.join(unknown)))
            scans[inventory] = pieces
        cls.complete_lines(inventories)
        to_save = []
        for inventory in inventories:
            scanned = {p.id: p for p in scans[inventory]}
            for line in cls(inventory.id)._gold_piece_lines():
                line.quantity = 1 if scanned.pop(line.lot.id, None) else 0
                to_save.append(line)
            for piece in scanned.values():
                to_save.append(Line(
                        inventory=inventory, product=piece.product,
                        lot=piece, quantity=1, expected_quantity=0))
        Line.save(to_save)

    @classmethod
    def confirm(cls, inventories):
        cls.check_gold_tray(inventories)
        super().confirm(inventories)

    @classmethod
    def check_gold_tray(cls, inventories):
        "Flag a tray whose weight is not its pieces': the user may go on"
        Warning = Pool().get('res.user.warning')
        tolerance = weight_tolerance()
        for inventory in inventories:
            difference = inventory.gold_tray_difference
            if difference is None or abs(difference) <= tolerance:
                continue
            key = Warning.format('gold_tray_weight', [inventory])
            if Warning.check(key):
                raise TrayWeightWarning(key, gettext(
                        'gold_stock.msg_tray_weight',
                        inventory=inventory.rec_name,
                        weighed=inventory.gold_tray_weight,
                        expected=inventory.gold_tray_expected,
                        difference=difference, tolerance=tolerance))
