/* ds-db.c — SQLite schema and small query helpers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-devserver"

#include "ds-db.h"
#include "bs-error.h"

#include <stdarg.h>

struct _DsDb {
  sqlite3 *db;
};

static const char schema[] =
  "PRAGMA journal_mode=WAL;"
  "PRAGMA synchronous=NORMAL;"
  "PRAGMA foreign_keys=ON;"
  "CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
  "CREATE TABLE IF NOT EXISTS users (id TEXT PRIMARY KEY, username TEXT UNIQUE NOT NULL,"
  "  email TEXT UNIQUE NOT NULL, name TEXT NOT NULL, nik TEXT UNIQUE NOT NULL, organization TEXT,"
  "  password_hash TEXT NOT NULL, status TEXT NOT NULL, failed_passphrases INTEGER NOT NULL DEFAULT 0,"
  "  locked_until INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE IF NOT EXISTS devices (id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id),"
  "  name TEXT NOT NULL, secret TEXT NOT NULL, last_step INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE IF NOT EXISTS tokens (hash TEXT PRIMARY KEY, user_id TEXT NOT NULL, kind TEXT NOT NULL,"
  "  expires INTEGER NOT NULL, data TEXT);"
  "CREATE TABLE IF NOT EXISTS email_otps (user_id TEXT NOT NULL, code_hash TEXT NOT NULL,"
  "  expires INTEGER NOT NULL);"
  "CREATE TABLE IF NOT EXISTS certificates (serial TEXT PRIMARY KEY, user_id TEXT NOT NULL,"
  "  cert_pem TEXT NOT NULL, key_pem TEXT NOT NULL, kek_pem TEXT NOT NULL, current INTEGER NOT NULL DEFAULT 1,"
  "  revoked_at INTEGER, reason INTEGER);"
  "CREATE TABLE IF NOT EXISTS audit (id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL,"
  "  user_id TEXT, action TEXT NOT NULL, detail TEXT);"
  "CREATE TABLE IF NOT EXISTS throttle (scope TEXT NOT NULL, subject TEXT NOT NULL, count INTEGER NOT NULL,"
  "  since INTEGER NOT NULL, locked_until INTEGER NOT NULL, PRIMARY KEY (scope, subject));"
  "CREATE TABLE IF NOT EXISTS integrations (user TEXT PRIMARY KEY, password_sha256 TEXT NOT NULL,"
  "  institution TEXT NOT NULL);"
  "CREATE TABLE IF NOT EXISTS seals (subscriber TEXT PRIMARY KEY, institution TEXT NOT NULL, email TEXT NOT NULL);"
  "CREATE TABLE IF NOT EXISTS seal_codes (subscriber TEXT NOT NULL, kind TEXT NOT NULL, code_hash TEXT NOT NULL,"
  "  expires INTEGER NOT NULL, PRIMARY KEY (subscriber, kind));";

DsDb *
ds_db_open (const char *path, GError **error)
{
  DsDb *db = g_new0 (DsDb, 1);
  char *message = NULL;

  if (sqlite3_open_v2 (path, &db->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, NULL) != SQLITE_OK
      || sqlite3_busy_timeout (db->db, 5000) != SQLITE_OK
      || sqlite3_exec (db->db, schema, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, BS_ERROR, BS_ERROR_IO, "Cannot open the database %s: %s", path,
                   message ? message : sqlite3_errmsg (db->db));
      sqlite3_free (message);
      ds_db_close (db);
      return NULL;
    }
  return db;
}

void
ds_db_close (DsDb *db)
{
  if (db == NULL)
    return;
  sqlite3_close (db->db);
  g_free (db);
}

sqlite3 *
ds_db_handle (DsDb *db)
{
  return db->db;
}

gboolean
ds_db_begin (DsDb *db)
{
  return sqlite3_exec (db->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK;
}

gboolean
ds_db_commit (DsDb *db)
{
  return sqlite3_exec (db->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK;
}

void
ds_db_rollback (DsDb *db)
{
  sqlite3_exec (db->db, "ROLLBACK", NULL, NULL, NULL);
}

static sqlite3_stmt *
prepare (DsDb *db, const char *sql, va_list args)
{
  sqlite3_stmt *stmt = NULL;
  const char *value;
  int i = 1;

  if (sqlite3_prepare_v2 (db->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_warning ("SQL error in \"%s\": %s", sql, sqlite3_errmsg (db->db));
      return NULL;
    }
  while ((value = va_arg (args, const char *)) != NULL)
    {
      if (value == DS_DB_NULL)
        sqlite3_bind_null (stmt, i++);
      else
        sqlite3_bind_text (stmt, i++, value, -1, SQLITE_TRANSIENT);
    }
  return stmt;
}

gboolean
ds_db_exec (DsDb *db, const char *sql, ...)
{
  va_list args;
  sqlite3_stmt *stmt;
  int rc;

  va_start (args, sql);
  stmt = prepare (db, sql, args);
  va_end (args);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE || rc == SQLITE_ROW;
}

char *
ds_db_get (DsDb *db, const char *sql, ...)
{
  va_list args;
  sqlite3_stmt *stmt;
  char *value = NULL;

  va_start (args, sql);
  stmt = prepare (db, sql, args);
  va_end (args);
  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

GPtrArray *
ds_db_rows (DsDb *db, const char *sql, ...)
{
  va_list args;
  sqlite3_stmt *stmt;
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  va_start (args, sql);
  stmt = prepare (db, sql, args);
  va_end (args);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      int n = sqlite3_column_count (stmt);
      char **row = g_new0 (char *, n + 1);
      for (int i = 0; i < n; i++)
        row[i] = g_strdup (sqlite3_column_type (stmt, i) == SQLITE_NULL ? ""
                                                                      : (const char *) sqlite3_column_text (stmt, i));
      g_ptr_array_add (rows, row);
    }
  sqlite3_finalize (stmt);
  return rows;
}

char *
ds_db_kv_get (DsDb *db, const char *key)
{
  return ds_db_get (db, "SELECT value FROM kv WHERE key = ?", key, NULL);
}

gboolean
ds_db_kv_set (DsDb *db, const char *key, const char *value)
{
  return ds_db_exec (db, "INSERT OR REPLACE INTO kv (key, value) VALUES (?, ?)", key, value, NULL);
}

void
ds_db_audit (DsDb *db, const char *user_id, const char *action, const char *detail)
{
  g_autofree char *now = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time () / G_USEC_PER_SEC);

  ds_db_exec (db, "INSERT INTO audit (at, user_id, action, detail) VALUES (?, ?, ?, ?)",
              now, user_id ? user_id : DS_DB_NULL, action, detail ? detail : DS_DB_NULL, NULL);
}
