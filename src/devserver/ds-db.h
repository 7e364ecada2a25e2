/* ds-db.h — the development server's state in SQLite.
 *
 * WAL journal; every request that changes state runs in one transaction,
 * so a crash (kill -9) never leaves half a change behind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

typedef struct _DsDb DsDb;

DsDb     *ds_db_open     (const char *path, GError **error);
void      ds_db_close    (DsDb *db);
sqlite3  *ds_db_handle   (DsDb *db);

gboolean  ds_db_begin    (DsDb *db);
gboolean  ds_db_commit   (DsDb *db);
void      ds_db_rollback (DsDb *db);

/* Runs @sql with text parameters (NULL-terminated varargs of strings; a
 * NULL value can be given as DS_DB_NULL). Returns FALSE on error. */
#define DS_DB_NULL ((const char *) 1)
gboolean  ds_db_exec     (DsDb *db, const char *sql, ...) G_GNUC_NULL_TERMINATED;
/* The first column of the first row as a string (transfer full), or NULL. */
char     *ds_db_get      (DsDb *db, const char *sql, ...) G_GNUC_NULL_TERMINATED;
/* Every row of the query as a GStrv of its columns (transfer full). */
GPtrArray *ds_db_rows    (DsDb *db, const char *sql, ...) G_GNUC_NULL_TERMINATED;

/* Key/value store for the PKI's own material. */
char     *ds_db_kv_get   (DsDb *db, const char *key);
gboolean  ds_db_kv_set   (DsDb *db, const char *key, const char *value);

/* Appends an audit row (same transaction as the change it records). */
void      ds_db_audit    (DsDb *db, const char *user_id, const char *action, const char *detail);

G_END_DECLS
