"""Receiving gold from a supplier: every finished piece is tagged with its
weights and HUID before the shipment is received, and the weight received
is checked against the supplier's document; bullion is received by weight
into a lot of its purity."""
from collections import defaultdict
from decimal import Decimal

from trytond.i18n import gettext
from trytond.model import ModelView, fields
from trytond.modules.gold_product.pricing import cents, grams
from trytond.modules.gold_product.product import WEIGHT
from trytond.modules.gold_rate.rows import check_rows, convert_row
from trytond.pool import Pool, PoolMeta
from trytond.rpc import RPC
from trytond.wizard import Button, StateTransition, StateView, Wizard

from .exceptions import ReceivingError


class ShipmentIn(metaclass=PoolMeta):
    __name__ = 'stock.shipment.in'

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__rpc__.update({
                'gold_tag': RPC(instantiate=0, readonly=False),
                })
        cls._buttons.update({
                'gold_tag_pieces': {
                    'invisible': cls._buttons['receive']['invisible'],
                    'depends': cls._buttons['receive'].get('depends', []),
                    },
                })

    @classmethod
    @ModelView.button_action('gold_purchase.wizard_tag_pieces')
    def gold_tag_pieces(cls, shipments):
        pass

    @property
    def gold_untagged_moves(self):
        "The incoming moves of tagged products still without their pieces"
        return [m for m in self.incoming_moves
            if m.state == 'draft' and not m.lot
            and m.product.gold_sale_mode == 'tagged']

    @staticmethod
    def gold_expected_purity(move):
        "The purity the supplier bills for the move"
        line = move.origin
        if getattr(line, 'gold_purity', None):
            return line.gold_purity
        return move.product.gold_purity

    def gold_tag(self, pieces):
        """Tag the pieces received on the shipment's moves and return them.

        pieces is a list of dictionaries: move (id), gross_weight,
        stone_weight, huid, purity (id, the ordered one by default) and
        number (the product's tag sequence by default). Every move of a
        tagged product gets as many pieces as its quantity; each becomes a
        move of one piece with its own lot."""
        pool = Pool()
        Move = pool.get('stock.move')
        Lot = pool.get('stock.lot')
        Piece = pool.get('gold.purchase.tag_pieces.piece')
        self.gold_check_tag_access()
        moves = {m.id: m for m in self.gold_untagged_moves}
        by_move = defaultdict(list)
        for piece in check_rows(pieces):
            piece.update(convert_row(Piece, piece, [
                        'move', 'purity', 'number', 'gross_weight',
                        'stone_weight', 'huid'],
                    piece['line'], required={'move'}))
            move = moves.get(piece['move'])
            if move is None:
                raise ReceivingError(gettext(
                        'gold_purchase.msg_tag_move',
                        move=Move(piece['move']).rec_name,
                        shipment=self.rec_name))
            by_move[move].append(piece)
        for move, move_pieces in by_move.items():
            for i, piece in enumerate(move_pieces, 1):
                piece['label'] = (
                    piece.get('number') or f'{move.product.rec_name} #{i}')
            self.gold_check_pieces(move, move_pieces)
        # named as the receiver sees them, before the lots have numbers
        Lot.check_huid_unique([(p['label'], p.get('huid'), None)
                for ps in by_move.values() for p in ps])
        lots, piece_moves = [], []
        for move, move_pieces in by_move.items():
            costs = self.gold_piece_costs(move, move_pieces)
            for piece, cost in zip(move_pieces, costs):
                lot = Lot(
                    product=move.product,
                    gold_gross_weight=piece['gross_weight'],
                    gold_stone_weight=piece.get('stone_weight') or Decimal(0),
                    gold_huid=piece.get('huid'),
                    gold_cost_price=cost)
                if piece.get('number'):
                    lot.number = piece['number']
                lots.append(lot)
                piece_moves.append(move)
        # create, not save: the caller's access to pieces and their costs
        lots = Lot.create([l._save_values() for l in lots])
        # a move of one piece per lot: the move and its copies
        piece_moves = self.gold_piece_moves(piece_moves)
        for move, lot in zip(piece_moves, lots):
            move.quantity = 1
            move.lot = lot
        Move.save(piece_moves)
        return lots

    def gold_check_tag_access(self):
        """Check, as Tryton's write does for a client, that the caller may
        change the shipment (its access and record rules) and its moves;
        the pieces are created with the caller's access"""
        pool = Pool()
        ModelAccess = pool.get('ir.model.access')
        ModelAccess.check(self.__name__, 'write')
        ModelAccess.check('stock.move', 'write')
        ModelAccess.check('stock.move', 'create')
        self.__class__.read([self.id], ['id'])

    def gold_check_pieces(self, move, pieces):
        """Refuse pieces that do not match the move: their count, their
        purity and their total gross weight within the tolerance"""
        pool = Pool()
        Configuration = pool.get('purchase.configuration')
        if len(pieces) != int(move.quantity):
            raise ReceivingError(gettext(
                    'gold_purchase.msg_tag_count',
                    move=move.product.rec_name, quantity=int(move.quantity),
                    count=len(pieces)))
        expected_purity = self.gold_expected_purity(move)
        for piece in pieces:
            purity = piece.get('purity')
            if purity is not None and int(purity) != expected_purity.id:
                Purity = pool.get('gold.purity')
                raise ReceivingError(gettext(
                        'gold_purchase.msg_tag_purity',
                        piece=piece['label'],
                        purity=Purity(int(purity)).rec_name,
                        expected=expected_purity.rec_name))
            gross = piece.get('gross_weight')
            if gross is None or gross <= 0:
                raise ReceivingError(gettext(
                        'gold_purchase.msg_tag_gross',
                        piece=piece['label']))
        expected = self.gold_expected_weight(move)
        if expected is None:
            return
        received = sum((p['gross_weight'] for p in pieces), Decimal(0))
        tolerance = Configuration(1).gold_receipt_tolerance or Decimal(0)
        if abs(received - expected) > tolerance:
            raise ReceivingError(gettext(
                    'gold_purchase.msg_tag_weight',
                    product=move.product.rec_name, received=received,
                    expected=expected, difference=received - expected,
                    tolerance=tolerance))

    @staticmethod
    def gold_expected_weight(move, name='gold_gross_weight'):
        """The gross weight (or the weight of the purchase line's field
        name) of the move's pieces on the supplier's document: the purchase
        line's, in proportion when it arrives in parts"""
        line = move.origin
        weight = getattr(line, name, None)
        if weight is None or not line.quantity:
            return None
        share = Decimal(str(move.quantity)) / Decimal(str(line.quantity))
        return grams(weight * share)

    @staticmethod
    def gold_piece_costs(move, pieces):
        """Share the move's cost between its pieces by net weight, the last
        piece taking what rounding leaves"""
        if move.unit_price is None:
            return [None] * len(pieces)
        total = cents(move.unit_price * grams(move.quantity))
        nets = [p['gross_weight'] - (p.get('stone_weight') or Decimal(0))
            for p in pieces]
        weight = sum(nets, Decimal(0))
        costs = []
        for net in nets[:-1]:
            share = net / weight if weight else 1 / Decimal(len(nets))
            costs.append(cents(total * share))
        costs.append(total - sum(costs, Decimal(0)))
        return costs

    @classmethod
    def gold_piece_moves(cls, moves):
        """Return moves with each repeated move replaced, after its first,
        by a copy of it (Tryton's copy: the same product, locations, price,
        origin and shipment), one per piece"""
        pool = Pool()
        Move = pool.get('stock.move')
        counts = defaultdict(int)
        for move in moves:
            counts[move] += 1
        copies = {m: iter(Move.copy([m] * (n - 1), default={'quantity': 1}))
            for m, n in counts.items() if n > 1}
        seen, result = set(), []
        for move in moves:
            result.append(next(copies[move]) if move in seen else move)
            seen.add(move)
        return result

    @classmethod
    @ModelView.button
    def receive(cls, shipments):
        "Checked as the button first: it assigns lots before Tryton's"
        pool = Pool()
        Move = pool.get('stock.move')
        for shipment in shipments:
            untagged = shipment.gold_untagged_moves
            if untagged:
                raise ReceivingError(gettext(
                        'gold_purchase.msg_receive_untagged',
                        shipment=shipment.rec_name,
                        product=untagged[0].product.rec_name))
        bullion = [m for s in shipments for m in s.incoming_moves
            if m.state == 'draft' and not m.lot and m.product.gold_purity
            and m.product.gold_sale_mode != 'tagged']
        for move in bullion:
            move.lot = cls.gold_purity_lot(move)
        Move.save(bullion)
        super().receive(shipments)

    @classmethod
    def gold_purity_lot(cls, move):
        "Return the product's lot of the move's purity, created when missing"
        Lot = Pool().get('stock.lot')
        return Lot.gold_purity_lot(
            move.product, cls.gold_expected_purity(move))


class TagPiecesStart(ModelView):
    __name__ = 'gold.purchase.tag_pieces.start'
    __string__ = 'Tag Received Pieces'

    shipment = fields.Many2One(
        'stock.shipment.in', "Shipment", readonly=True)
    pieces = fields.One2Many(
        'gold.purchase.tag_pieces.piece', None, "Pieces",
        help="One line per piece received: weigh it and type its HUID.")
    supplier_gross = fields.Numeric(
        "Supplier's Gross Weight", digits=WEIGHT, readonly=True,
        help="The gross weight of these pieces on the supplier's document.")
    supplier_stone = fields.Numeric(
        "Supplier's Stone Weight", digits=WEIGHT, readonly=True)
    weighed_gross = fields.Numeric(
        "Weighed Gross", digits=WEIGHT, readonly=True,
        help="The gross weights typed so far.")
    weighed_stone = fields.Numeric(
        "Weighed Stone", digits=WEIGHT, readonly=True)
    difference = fields.Numeric(
        "Difference", digits=WEIGHT, readonly=True,
        help="Weighed less the supplier's gross weight; each product's "
        "pieces must come within the tolerance.")
    tolerance = fields.Numeric(
        "Tolerance", digits=WEIGHT, readonly=True,
        help="The difference allowed per product (purchase configuration).")
    weighing = fields.Text(
        "Weighing", readonly=True,
        help="Per product: the pieces weighed and their weight against the "
        "supplier's.")

    @fields.depends('pieces')
    def on_change_pieces(self):
        "The weights typed so far, against the supplier's document"
        Shipment = Pool().get('stock.shipment.in')
        moves, weighed = {}, defaultdict(list)
        for piece in self.pieces or []:
            if getattr(piece, 'move', None):
                moves[piece.move.id] = piece.move
                weighed[piece.move.id].append(piece)
        self.weighed_gross = self.weighed_stone = Decimal(0)
        supplier_gross = supplier_stone = Decimal(0)
        lines = []
        for move_id, move in moves.items():
            pieces = weighed[move_id]
            gross = [w for w in (getattr(p, 'gross_weight', None)
                    for p in pieces) if w]
            stone = sum((getattr(p, 'stone_weight', None) or 0
                    for p in pieces), Decimal(0))
            self.weighed_gross += sum(gross, Decimal(0))
            self.weighed_stone += stone
            expected = Shipment.gold_expected_weight(move)
            supplier_gross += expected or 0
            supplier_stone += Shipment.gold_expected_weight(
                move, 'gold_stone_weight') or 0
            lines.append(self.weighing_line(
                    move, len(gross), len(pieces), sum(gross, Decimal(0)),
                    expected))
        grams = Decimal(10) ** -WEIGHT[1]
        self.weighed_gross = self.weighed_gross.quantize(grams)
        self.weighed_stone = self.weighed_stone.quantize(grams)
        self.supplier_gross = supplier_gross.quantize(grams)
        self.supplier_stone = supplier_stone.quantize(grams)
        self.difference = self.weighed_gross - self.supplier_gross
        self.weighing = '\n'.join(lines)

    @staticmethod
    def weighing_line(move, count, total, weighed, expected):
        "The line of Weighing for a move's pieces"
        lang = Pool().get('ir.lang').get()

        def grams(value):
            return lang.format_number(value, WEIGHT[1])
        if expected is None:
            return gettext(
                'gold_purchase.msg_weighing_no_supplier',
                product=move.product.rec_name, count=count, total=total,
                weighed=grams(weighed))
        difference = weighed - expected
        return gettext(
            'gold_purchase.msg_weighing',
            product=move.product.rec_name, count=count, total=total,
            weighed=grams(weighed), expected=grams(expected),
            difference=('+' if difference > 0 else '') + grams(difference))


class TagPiecesPiece(ModelView):
    __name__ = 'gold.purchase.tag_pieces.piece'
    __string__ = 'Received Piece'

    move = fields.Many2One('stock.move', "Move", readonly=True)
    product = fields.Many2One('product.product', "Product", readonly=True)
    purity = fields.Many2One(
        'gold.purity', "Purity", required=True,
        help="The purity stamped on the piece.")
    number = fields.Char(
        "Tag Number", help="Leave empty to number it from the tag series.")
    gross_weight = fields.Numeric(
        "Gross Weight", digits=WEIGHT, required=True)
    stone_weight = fields.Numeric("Stone Weight", digits=WEIGHT)
    huid = fields.Char("HUID", size=6)


class TagPieces(Wizard):
    "Tag Received Pieces"
    __name__ = 'gold.purchase.tag_pieces'

    start = StateView(
        'gold.purchase.tag_pieces.start',
        'gold_purchase.tag_pieces_start_view_form', [
            Button("Cancel", 'end', 'tryton-cancel'),
            Button("Tag", 'tag', 'tryton-ok', default=True),
            ])
    tag = StateTransition()

    def default_start(self, fields):
        shipment = self.record
        pieces = []
        for move in shipment.gold_untagged_moves:
            purity = shipment.gold_expected_purity(move)
            for _ in range(int(move.quantity)):
                pieces.append({
                        'move': move.id,
                        'product': move.product.id,
                        'purity': purity.id if purity else None,
                        'stone_weight': Decimal('0.000'),
                        })
        return {'shipment': shipment.id, 'pieces': pieces,
            **self.weighing_defaults(shipment, pieces)}

    @staticmethod
    def weighing_defaults(shipment, pieces):
        "The supplier's weights of the pieces, none weighed yet"
        pool = Pool()
        Configuration = pool.get('purchase.configuration')
        Piece = pool.get('gold.purchase.tag_pieces.piece')
        Start = pool.get('gold.purchase.tag_pieces.start')
        start = Start(shipment=shipment, pieces=[Piece(**p) for p in pieces])
        start.on_change_pieces()
        defaults = {n: getattr(start, n) for n in [
                'supplier_gross', 'supplier_stone', 'weighed_gross',
                'weighed_stone', 'difference', 'weighing']}
        defaults['tolerance'] = Configuration(1).gold_receipt_tolerance
        return defaults

    def transition_tag(self):
        self.record.gold_tag([{
                    'move': p.move.id,
                    'purity': p.purity.id if p.purity else None,
                    'number': p.number,
                    'gross_weight': p.gross_weight,
                    'stone_weight': p.stone_weight,
                    'huid': p.huid,
                    } for p in self.start.pieces])
        return 'end'


class OrderPoint(metaclass=PoolMeta):
    "Reorder rules are for goods bought by the quantity, not tagged pieces"
    __name__ = 'stock.order_point'

    @classmethod
    def validate_fields(cls, points, field_names):
        super().validate_fields(points, field_names)
        if 'product' in field_names:
            for point in points:
                if point.product.gold_sale_mode == 'tagged':
                    raise ReceivingError(gettext(
                            'gold_purchase.msg_order_point_tagged',
                            product=point.product.rec_name))
