#!/usr/bin/env python3
"""Import metal rates or tagged pieces from a CSV file through proteus.

    import_csv.py -c config/trytond.conf -d demo rates rates.csv
    import_csv.py -c config/trytond.conf -d demo pieces pieces.csv --receive STO
    import_csv.py --url http://admin:pw@localhost:8000/demo/ pieces pieces.csv

Rates columns: metal, purity, sell_rate, buy_rate[, valid_from]
  (per gram; valid_from as YYYY-MM-DD HH:MM in UTC, now when empty).
Pieces columns: tag, product (code or name), gross_weight[, stone_weight,
  other_weight, huid, barcode, making_mode, making_value, wastage_mode,
  wastage_value, cost, stone_type, stone_pieces, stone_carats, stone_rate,
  stone_rate_per, certificate_lab, certificate_number, certificate_charge]

All or nothing: every line is checked first (with a progress bar) and any
error, reported with its line number, imports nothing. Pieces are matched
by tag number, so importing the same file twice changes nothing; a changed
line updates its piece. Rates equal to the ones in force are skipped.
"""
import argparse
import csv
import datetime as dt
import os
import sys
from decimal import Decimal, InvalidOperation

from proteus import Model
from proteus import config as proteus_config

CHUNK = 200
WEIGHT_PLACES = 3


class LineError(Exception):
    pass


def progress(done, total, label, stream=None):
    "Draw a progress bar on a terminal (or on stream when given)"
    if stream is None:
        stream = sys.stderr
        if not stream.isatty():
            return
    width = 30
    filled = width * done // total if total else width
    percent = 100 * done // total if total else 100
    stream.write(f"\r{label} [{'#' * filled}{'.' * (width - filled)}] "
        f"{done}/{total} {percent}%")
    if done >= total:
        stream.write('\n')
    stream.flush()


def decimal(row, name, required=False, places=None):
    value = (row.get(name) or '').strip()
    if not value:
        if required:
            raise LineError(f'{name} is required')
        return None
    try:
        number = Decimal(value.replace(',', ''))
    except InvalidOperation:
        raise LineError(f'{name} "{value}" is not a number')
    if places is not None and number.as_tuple().exponent < -places:
        raise LineError(f'{name} "{value}" has more than {places} decimals')
    return number


def text(row, name):
    return (row.get(name) or '').strip() or None


def choice(row, name, choices):
    value = text(row, name)
    if value is not None and value not in choices:
        raise LineError(
            f'{name} "{value}" is not one of {", ".join(sorted(choices))}')
    return value


def read_rows(path):
    "Yield (line number, row dict) of a CSV file with a header line"
    with open(path, newline='', encoding='utf-8-sig') as fp:
        reader = csv.DictReader(fp)
        for row in reader:
            yield reader.line_num, {
                (k or '').strip().lower(): v for k, v in row.items()}


def parse_rates(path):
    Purity = Model.get('gold.purity')
    purities = {}
    for purity in Purity.find([]):
        for metal in {purity.metal.name.lower(), purity.metal.code.lower()}:
            purities[(metal, purity.name.lower())] = purity.id
            purities[(metal, purity.rec_name.lower())] = purity.id
    rows, errors = [], []
    for line, row in read_rows(path):
        try:
            key = ((text(row, 'metal') or '').lower(),
                (text(row, 'purity') or '').lower())
            if key not in purities:
                raise LineError(
                    f'unknown purity "{row.get("purity")}" of metal '
                    f'"{row.get("metal")}"')
            valid_from = text(row, 'valid_from')
            if valid_from:
                try:
                    valid_from = dt.datetime.fromisoformat(valid_from)
                except ValueError:
                    raise LineError(
                        f'valid_from "{valid_from}" is not a date and time')
            rows.append({
                    'line': line,
                    'purity': purities[key],
                    'sell_rate': decimal(row, 'sell_rate', required=True),
                    'buy_rate': decimal(row, 'buy_rate', required=True),
                    'valid_from': valid_from,
                    })
        except LineError as e:
            errors.append(f'line {line}: {e}')
    return rows, errors


def parse_pieces(path):
    Product = Model.get('product.product')
    Lot = Model.get('stock.lot')
    making_modes = dict(Lot._fields['gold_making_mode']['selection'])
    wastage_modes = dict(Lot._fields['gold_wastage_mode']['selection'])
    products = {}
    for product in Product.find([('template.gold_purity', '!=', None)]):
        products[product.name.lower()] = product.id
        if product.code:
            products[product.code.lower()] = product.id
    rows, errors, tags = [], [], {}
    for line, row in read_rows(path):
        try:
            tag = text(row, 'tag')
            if not tag:
                raise LineError('tag is required')
            if tag in tags:
                raise LineError(f'tag "{tag}" is already on line {tags[tag]}')
            tags[tag] = line
            product = (text(row, 'product') or '').lower()
            if product not in products:
                raise LineError(
                    f'unknown jewellery product "{row.get("product")}"')
            values = {
                'line': line,
                'number': tag,
                'product': products[product],
                'gross_weight': decimal(
                    row, 'gross_weight', True, WEIGHT_PLACES),
                'stone_weight': decimal(
                    row, 'stone_weight', places=WEIGHT_PLACES),
                'other_weight': decimal(
                    row, 'other_weight', places=WEIGHT_PLACES),
                'huid': text(row, 'huid'),
                'barcode': text(row, 'barcode'),
                'making_mode': choice(row, 'making_mode', making_modes),
                'making_value': decimal(row, 'making_value'),
                'wastage_mode': choice(row, 'wastage_mode', wastage_modes),
                'wastage_value': decimal(row, 'wastage_value'),
                'cost_price': decimal(row, 'cost', places=2),
                'stones': [],
                }
            if text(row, 'stone_type'):
                pieces = text(row, 'stone_pieces')
                if pieces is not None and not pieces.isdigit():
                    raise LineError(f'stone_pieces "{pieces}" is not a count')
                values['stones'].append({
                        'stone_type': text(row, 'stone_type').lower(),
                        'pieces': int(pieces) if pieces else 1,
                        'carats': decimal(row, 'stone_carats', places=3),
                        'rate': decimal(row, 'stone_rate'),
                        'rate_per': choice(
                            row, 'stone_rate_per', {'carat', 'piece'})
                        or 'carat',
                        'certificate_lab': text(row, 'certificate_lab'),
                        'certificate_number': text(row, 'certificate_number'),
                        'certificate_charge': decimal(
                            row, 'certificate_charge'),
                        })
            rows.append(values)
        except LineError as e:
            errors.append(f'line {line}: {e}')
    return rows, errors


def check_on_server(model, rows):
    "Check rows by chunks with the server's own rules, showing progress"
    errors = []
    for i in range(0, len(rows), CHUNK):
        errors.extend(model.gold_import_check(
                rows[i:i + CHUNK], model._config.context))
        progress(min(i + CHUNK, len(rows)), len(rows), "Checking")
    return errors


def receive(numbers, location_code):
    "Put the imported pieces that are not in stock into location"
    Lot = Model.get('stock.lot')
    Location = Model.get('stock.location')
    Inventory = Model.get('stock.inventory')
    location, = Location.find([('code', '=', location_code)])
    lots = [l for l in Lot.find([('number', 'in', numbers)])
        if not l.quantity]
    if not lots:
        return 0
    inventory = Inventory(location=location)
    for lot in lots:
        inventory.lines.new(product=lot.product, lot=lot, quantity=1)
    inventory.click('confirm')
    return len(lots)


def main(args):
    if args.url:
        # logged in once: the password is checked once and the calls carry
        # the session, as a client's do
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        from tryton_rpc import login
        session = login(args.url)
        proteus_config.set_xmlrpc(session.url, headers=session.headers)
    elif args.database:
        proteus_config.set_trytond(args.database, config_file=args.config)
    # else: the current proteus configuration (as in the scenarios)
    if args.kind == 'rates':
        Rate = Model.get('gold.rate')
        rows, errors = parse_rates(args.file)
        progress(len(rows) + len(errors), len(rows) + len(errors), "Reading")
        if errors:
            return report(errors)
        try:
            created, skipped = Rate.gold_import(rows, Rate._config.context)
        except Exception as e:
            return server_error(e)
        print(f"Rates: {created} created, {skipped} unchanged")
    else:
        Lot = Model.get('stock.lot')
        rows, errors = parse_pieces(args.file)
        progress(len(rows) + len(errors), len(rows) + len(errors), "Reading")
        if not errors:
            errors = check_on_server(Lot, rows)
        if errors:
            return report(errors)
        print(f"Saving {len(rows)} pieces...", file=sys.stderr)
        try:
            created, updated, unchanged = Lot.gold_import(
                rows, Lot._config.context)
        except Exception as e:
            return server_error(e)
        print(f"Pieces: {created} created, {updated} updated, "
            f"{unchanged} unchanged")
        if args.receive:
            count = receive([r['number'] for r in rows], args.receive)
            print(f"Received into stock: {count}")
    return 0


def server_error(exception):
    "Report an error raised by the server, which has written nothing"
    message = getattr(exception, 'message', None) or str(exception)
    if not message.startswith("Nothing was imported"):
        message = f"Nothing was imported: {message}"
    print(message, file=sys.stderr)
    return 1


def report(errors):
    print(f"Nothing was imported: {len(errors)} error(s)", file=sys.stderr)
    for error in errors:
        print(f"  {error}", file=sys.stderr)
    return 1


def parser():
    p = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument('-c', '--config', help="trytond configuration file")
    p.add_argument('-d', '--database', help="database name")
    p.add_argument('--url', help="a running server instead of a local "
        "database: http://LOGIN:PASSWORD@HOST:PORT/DATABASE/ (logs in once)")
    p.add_argument('kind', choices=['rates', 'pieces'])
    p.add_argument('file')
    p.add_argument('--receive', metavar='LOCATION_CODE',
        help="put new pieces into stock at this location (e.g. STO)")
    return p


if __name__ == '__main__':
    args = parser().parse_args()
    if not args.url and not args.database:
        parser().error("give --database or --url")
    sys.exit(main(args))
