"""Receiving benchmark: 1,000 tagged pieces arriving on one supplier
shipment, tagged through the Tag Pieces wizard driven by proteus as a
client does (one row per piece: gross weight and HUID typed), against
Tryton's own Add Lots wizard splitting a move of 1,000 units of a plain
product into 1,000 lots of one, in the same database and run. Also the
integrators' path: stock.shipment.in.gold_tag with the same rows.

Run from the repository root: .venv/bin/python bench/receive.py
[--pieces N]; TRYTOND_DATABASE_URI=postgresql://... for PostgreSQL.
"""
import argparse
import os
import sys
import time
from decimal import Decimal

sys.path.insert(0, os.path.dirname(__file__))

from common import DATABASE, create_database, report  # noqa: E402


def setup():
    from proteus import Model
    from proteus import config as proteus_config
    from trytond.modules.company.tests.tools import (
        create_company, get_company)
    from trytond.modules.gold_account.tests.tools import (
        create_jewellery_chart)
    from trytond.modules.gold_rate.tests.tools import create_gold, enter_rates

    create_database(['gold_purchase', 'gold_account'])
    proteus_config.set_trytond(DATABASE)
    create_company()
    create_jewellery_chart(get_company())
    gold, purities = create_gold()
    enter_rates(gold, 75000, 73000)
    Template = Model.get('product.template')
    Uom = Model.get('product.uom')
    Sequence = Model.get('ir.sequence')
    SequenceType = Model.get('ir.sequence.type')
    Party = Model.get('party.party')
    unit, = Uom.find([('name', '=', 'Unit')])
    tag_type, = SequenceType.find([('name', '=', "Stock Lot")])
    tags = Sequence(name="Tags", sequence_type=tag_type, prefix='T',
        padding=6, company=None)
    tags.save()
    bangle = Template(name="22K Bangle", type='goods', default_uom=unit)
    bangle.gold_metal = gold
    bangle.gold_purity = purities['22K']
    bangle.gold_sale_mode = 'tagged'
    bangle.lot_sequence = tags
    bangle.purchasable = True
    bangle.save()
    plain = Template(name="Watch", type='goods', default_uom=unit)
    plain.purchasable = True
    plain.save()
    supplier = Party(name="Supplier")
    supplier.save()
    return supplier, bangle.products[0], plain.products[0]


def weight(i):
    return Decimal(10000 + (i * 37) % 2000) / 1000


def shipment_of(supplier, product, pieces, gold):
    "Return a draft supplier shipment of an order of pieces of product"
    from proteus import Model
    Purchase = Model.get('purchase.purchase')
    ShipmentIn = Model.get('stock.shipment.in')
    Move = Model.get('stock.move')
    purchase = Purchase(party=supplier, invoice_method='manual')
    line = purchase.lines.new()
    line.product = product
    line.quantity = pieces
    if gold:
        line.gold_gross_weight = sum(weight(i) for i in range(pieces))
        line.gold_making_value = Decimal(300)
    else:
        line.unit_price = Decimal(1000)
    purchase.click('quote')
    purchase.click('confirm')
    shipment = ShipmentIn(supplier=supplier)
    for move in purchase.moves:
        shipment.incoming_moves.append(Move(move.id))
    shipment.save()
    return shipment


def tag_wizard(shipment, pieces, offset):
    "The receiver types each piece's weight and HUID in Tag Pieces"
    wizard = shipment.click('gold_tag_pieces')
    for i, piece in enumerate(wizard.form.pieces):
        piece.gross_weight = weight(i)
        piece.huid = 'W%05d' % (offset + i)
    wizard.execute('tag')


def add_lots_wizard(shipment, pieces, offset):
    "Tryton's Add Lots on the plain move: one lot of one per unit"
    from proteus import Wizard
    move, = shipment.incoming_moves
    wizard = Wizard('stock.move.add.lots', [move])
    for i in range(pieces):
        wizard.form.lots.new(number='P%06d' % (offset + i), quantity=1)
    wizard.execute('add')


def tag_rpc(shipment, pieces, offset):
    "The integrators' path: the same rows in one call"
    from proteus import Model
    ShipmentIn = Model.get('stock.shipment.in')
    move, = shipment.incoming_moves
    ShipmentIn._proxy.gold_tag([shipment.id], [{
                'move': move.id, 'gross_weight': weight(i),
                'huid': 'R%05d' % (offset + i)} for i in range(pieces)],
        ShipmentIn._config.context)


def timed(func, *args):
    start = time.perf_counter()
    func(*args)
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--pieces', type=int, default=1000)
    args = parser.parse_args()
    n = args.pieces
    supplier, bangle, plain = setup()
    # warm up both wizards once
    tag_wizard(shipment_of(supplier, bangle, 2, True), 2, 90000)
    add_lots_wizard(shipment_of(supplier, plain, 2, False), 2, 90000)
    ours = timed(tag_wizard, shipment_of(supplier, bangle, n, True), n, 0)
    theirs = timed(
        add_lots_wizard, shipment_of(supplier, plain, n, False), n, 0)
    rpc = timed(tag_rpc, shipment_of(supplier, bangle, n, True), n, 0)
    report(f"Receiving {n} pieces on one supplier shipment", [
            ("Tag Pieces wizard (weights, HUID, checks, costs)",
                f'{ours:.1f}', 's'),
            ("Tryton's Add Lots wizard, plain product",
                f'{theirs:.1f}', 's'),
            ("ratio ours / plain", f'{ours / theirs:.2f}', ''),
            ("stock.shipment.in.gold_tag, one call", f'{rpc:.1f}', 's'),
            ])


if __name__ == '__main__':
    main()
