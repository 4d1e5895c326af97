"""The rows and arguments the suite's RPC methods take from integrators
(the rate and piece imports, the quotes): each value is converted to what
its field holds, or refused with a message that names the line, the field
and the value, never a Python error."""
import datetime as dt
from decimal import Decimal, InvalidOperation

from trytond.i18n import gettext

from .exceptions import RowError


def _decimal(value):
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, float):
        value = str(value)
    result = Decimal(value.strip() if isinstance(value, str) else value)
    if not result.is_finite():
        raise ValueError(value)
    return result


def _integer(value):
    if isinstance(value, bool) or (
            isinstance(value, (float, Decimal)) and value != int(value)):
        raise ValueError(value)
    return int(value)


def _datetime(value):
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        return dt.datetime.fromisoformat(value.strip())
    raise ValueError(value)


def _char(value):
    if not isinstance(value, (str, int, Decimal)) or isinstance(value, bool):
        raise ValueError(value)
    return str(value)


CONVERTERS = {
    'numeric': _decimal,
    'float': _decimal,
    'integer': _integer,
    'many2one': _integer,
    'datetime': _datetime,
    'timestamp': _datetime,
    'char': _char,
    'text': _char,
    }


def shown(value, length=40):
    "The value as a message shows it"
    text = str(value)
    return text if len(text) <= length else text[:length] + '...'


def convert_value(Model, name, value, line=None):
    """Return value converted for the field name of Model, or raise
    RowError naming the line (when given), the field and the value"""
    field = Model._fields[name]
    if value is None or value == '':
        return None
    convert = CONVERTERS.get(field._type)
    try:
        if convert:
            value = convert(value)
        if field._type == 'selection' and not isinstance(
                field.selection, str):
            if value not in dict(field.selection):
                raise ValueError(value)
        if field._type == 'char' and field.size and len(value) > field.size:
            raise ValueError(value)
    except (ValueError, TypeError, ArithmeticError, InvalidOperation):
        names = Model.__names__(name)
        key = ('gold_rate.msg_row_value' if line is not None
            else 'gold_rate.msg_argument_value')
        raise RowError(gettext(key, line=line, field=names['field'],
                model=names['model'], value=shown(value)))
    return value


def convert_row(Model, row, names, line, required=()):
    """Return {name: value} of the names of row (a dictionary) converted
    for Model's fields; a required name missing or empty is refused"""
    result = {}
    for name in names:
        value = convert_value(Model, name, row.get(name), line)
        if value is None and name in required:
            raise RowError(gettext('gold_rate.msg_row_missing',
                    line=line, field=Model.__names__(name)['field']))
        result[name] = value
    return result


def check_rows(rows):
    """Return rows as a list of dictionaries, each with its line number
    (its position from 1 when it has none)"""
    if not isinstance(rows, (list, tuple)) or not all(
            isinstance(r, dict) for r in rows):
        raise RowError(gettext('gold_rate.msg_rows'))
    result = []
    for i, row in enumerate(rows, 1):
        row = dict(row)
        try:
            row['line'] = _integer(row.get('line') or i)
        except (ValueError, TypeError):
            raise RowError(gettext('gold_rate.msg_row_line', row=i,
                    value=shown(row.get('line'))))
        result.append(row)
    return result
