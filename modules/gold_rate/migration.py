"""Moving records from one module of the suite to another on upgrade.

When a model or its XML records move to another module, the module that
receives them calls move_records() from the model's __register__, before
Tryton's: the records' XML ids (ir.model.data), the model and its fields
then belong to the new module, so that the XML of the new module updates
them in place, and the old module's upgrade, which no longer has them in
its XML, finds none of them to delete (Tryton deletes what a module's XML
lost only after every module is loaded)."""
from trytond.model import fields
from trytond.pool import Pool
from trytond.transaction import Transaction


def move_records(
        old_module, new_module, fs_ids=(), models=(), fields_=()):
    """Give new_module the XML records fs_ids of old_module, the models
    (ir.model and their ir.model.field) and the fields_, (model, name) of
    other modules' models, that old_module registered"""
    pool = Pool()
    cursor = Transaction().connection.cursor()
    # records that keep their module themselves (a view reads its file
    # from modules/<module>/view/) follow their XML id
    data = pool.get('ir.model.data').__table__()
    owned = {}
    if fs_ids:
        cursor.execute(*data.select(data.model, data.db_id,
                where=data.module.in_([old_module, new_module])
                & data.fs_id.in_(list(fs_ids))))
        for model, db_id in cursor:
            owned.setdefault(model, []).append(db_id)
    for model, ids in owned.items():
        try:
            Model = pool.get(model)
        except KeyError:
            continue
        if not isinstance(Model._fields.get('module'), fields.Char):
            continue
        table = Model.__table__()
        cursor.execute(*table.update(
                [table.module], [new_module],
                where=(table.module == old_module) & table.id.in_(ids)))
    for name, column, values in [
            ('ir.model.data', 'fs_id', fs_ids),
            ('ir.model', 'name', models),
            ('ir.model.field', 'model', models)]:
        if not values:
            continue
        table = pool.get(name).__table__()
        cursor.execute(*table.update(
                [table.module], [new_module],
                where=(table.module == old_module)
                & getattr(table, column).in_(list(values))))
    field = pool.get('ir.model.field').__table__()
    for model, name in fields_:
        cursor.execute(*field.update(
                [field.module], [new_module],
                where=(field.module == old_module) & (field.model == model)
                & (field.name == name)))


def fields_of(*classes):
    "The (model, name) of the fields that classes (a module's own) define"
    return [(cls.__name__, name) for cls in classes
        for name, value in vars(cls).items()
        if isinstance(value, fields.Field)]
