"""The import of tagged pieces from rows (scripts/import_csv.py): checked
all first, then created or updated by tag number, all or nothing."""
from trytond.i18n import gettext
from trytond.modules.gold_rate.exceptions import RowError
from trytond.modules.gold_rate.rows import check_rows, convert_row, shown
from trytond.pool import Pool, PoolMeta
from trytond.rpc import RPC

from .exceptions import PieceValidationError, StoneValidationError

STONE_IMPORT_FIELDS = [
    'stone_type', 'description', 'pieces', 'carats', 'rate_per', 'rate',
    'certificate_lab', 'certificate_number', 'certificate_charge']


class Lot(metaclass=PoolMeta):
    __name__ = 'stock.lot'

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__rpc__.update({
                'gold_import_check': RPC(readonly=True),
                'gold_import': RPC(readonly=False),
                })

    @classmethod
    def _import_columns(cls):
        """Return {column: field} of the import rows: the columns keep the
        shop's words (the CSV file's header), the fields the suite's"""
        return {
            'product': 'product',
            'gross_weight': 'gold_gross_weight',
            'stone_weight': 'gold_stone_weight',
            'other_weight': 'gold_other_weight',
            'huid': 'gold_huid',
            'barcode': 'gold_barcode',
            'making_mode': 'gold_making_mode',
            'making_value': 'gold_making_value',
            'wastage_mode': 'gold_wastage_mode',
            'wastage_value': 'gold_wastage_value',
            'cost_price': 'gold_cost_price',
            }

    @classmethod
    def _import_fields(cls):
        return list(cls._import_columns().values())

    @classmethod
    def _import_rows(cls, rows):
        """Return (rows with their values converted for the pieces' and
        stones' fields, {line: error} of the rows that cannot be)"""
        pool = Pool()
        Stone = pool.get('stock.lot.stone')
        converted, errors = [], {}
        columns = cls._import_columns()
        for row in check_rows(rows):
            line = row['line']
            try:
                source = {field: row[column]
                    for column, field in columns.items()
                    if column in row}
                source['number'] = row.get('number')
                values = convert_row(cls, source,
                    ['number'] + cls._import_fields(), line,
                    required={'number'})
                stones = row.get('stones') or []
                if not isinstance(stones, (list, tuple)) or not all(
                        isinstance(s, dict) for s in stones):
                    raise RowError(gettext('gold_rate.msg_row_value',
                            line=line, value=shown(stones),
                            field=cls.__names__('gold_stones')['field']))
                values['gold_stones'] = [
                    convert_row(Stone, stone, STONE_IMPORT_FIELDS, line)
                    for stone in stones]
            except RowError as e:
                errors[line] = e.message
                continue
            values['line'] = line
            converted.append(values)
        return converted, errors

    @classmethod
    def _import_lot(cls, row):
        "Return an unsaved piece of a converted import row"
        pool = Pool()
        Stone = pool.get('stock.lot.stone')
        values = {k: row.get(k) for k in cls._import_fields()}
        if values.get('gold_huid'):
            values['gold_huid'] = values['gold_huid'].strip().upper()
        lot = cls(number=row['number'], **values)
        lot.gold_stones = [
            Stone(**{f: s.get(f) for f in STONE_IMPORT_FIELDS})
            for s in row.get('gold_stones') or []]
        for stone in lot.gold_stones:
            stone.lot = lot
            stone.rate_per = stone.rate_per or 'carat'
        return lot

    @classmethod
    def gold_import_check(cls, rows):
        """Return the errors of import rows as 'line N: message'; rows are
        dictionaries with line, number (the tag), product id, weights, ...

        It is the import's first step: only who may create pieces runs it."""
        return cls._gold_import_checked(rows)[-1]

    @classmethod
    def _gold_import_checked(cls, rows):
        """Return (the converted rows, their unsaved pieces, {number: piece}
        of those already in the database, the errors of gold_import_check)
        """
        pool = Pool()
        ModelAccess = pool.get('ir.model.access')
        ModelAccess.check(cls.__name__, 'create')
        rows, errors = cls._import_rows(rows)
        existing = cls._by_number([r['number'] for r in rows])
        lots = []
        for row in rows:
            lot = cls._import_lot(row)
            lots.append(lot)
            try:
                if not lot.product:
                    raise PieceValidationError(gettext(
                            'gold_product.msg_import_product',
                            piece=lot.number))
                lot.check_weights()
                cls.check_huid([lot])
                for stone in lot.gold_stones:
                    stone.check_quantities()
            except (PieceValidationError, StoneValidationError) as e:
                errors[row['line']] = e.message
        conflicts = cls.huid_conflicts([(l.number, l.gold_huid,
                    existing[l.number].id if l.number in existing else None)
                for l in lots])
        for index, error in conflicts:
            errors.setdefault(rows[index]['line'], error.message)
        return rows, lots, existing, [f"line {line}: {message}"
            for line, message in sorted(errors.items())]

    @classmethod
    def gold_import(cls, rows):
        """Create or update the pieces of import rows by tag number, all or
        nothing; return the numbers of created, updated, unchanged pieces"""
        rows, lots, existing, errors = cls._gold_import_checked(rows)
        if errors:
            raise PieceValidationError(gettext(
                    'gold_product.msg_import_errors',
                    count=len(errors), errors='\n'.join(errors[:50])))
        to_create, to_write, unchanged = [], [], 0
        for row, new in zip(rows, lots):
            lot = existing.get(row['number'])
            if not lot:
                to_create.append(new)
                continue
            changes = lot._import_changes(new)
            if changes:
                to_write.extend(([lot], changes))
            else:
                unchanged += 1
        # create, not save: save is the server's own and checks no access,
        # create and write check the caller's as a client's do
        cls.create([l._save_values() for l in to_create])
        if to_write:
            cls.write(*to_write)
        return [len(to_create), len(to_write) // 2, unchanged]

    def _import_changes(self, new):
        "Return the values to write for self to become the import row new"
        changes = {}
        for fname in self._import_fields():
            value = getattr(new, fname, None)
            if fname == 'product':
                value = value.id if value else None
                current = self.product.id
            else:
                current = getattr(self, fname)
            if fname == 'gold_barcode' and not value:
                continue
            if value != current:
                changes[fname] = value

        def key(stone):
            return {f: getattr(stone, f, None) for f in STONE_IMPORT_FIELDS}
        if ([key(s) for s in self.gold_stones]
                != [key(s) for s in new.gold_stones]):
            changes['gold_stones'] = [
                ('delete', [s.id for s in self.gold_stones]),
                ('create', [key(s) for s in new.gold_stones]),
                ]
        return changes
