/* ds-integration.c — see ds-integration.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-devserver"

#include "ds-integration.h"
#include "ds-throttle.h"

#include <openssl/crypto.h>
#include <string.h>

/* Integration passwords are long random secrets handed out by the
 * service, so one SHA-256 is enough to keep them off the disk. */
static char *
password_hash (const char *password)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, password, -1);
}

gboolean
ds_integration_add (DsServer *server, const char *user, const char *password, const char *institution)
{
  g_autofree char *hash = password_hash (password);

  return ds_db_exec (server->db, "INSERT OR REPLACE INTO integrations (user, password_sha256, institution)"
                                 " VALUES (?, ?, ?)", user, hash, institution, NULL);
}

char *
ds_integration_institution (DsServer *server, const char *user)
{
  return ds_db_get (server->db, "SELECT institution FROM integrations WHERE user = ?", user, NULL);
}

void
ds_reply_spring_401 (DsRequest *req)
{
  json_object *o = json_object_new_object ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *ts = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.000+00:00");

  json_object_object_add (o, "timestamp", json_object_new_string (ts));
  json_object_object_add (o, "status", json_object_new_int (401));
  json_object_object_add (o, "error", json_object_new_string ("Unauthorized"));
  json_object_object_add (o, "path", json_object_new_string (req->path));
  soup_message_headers_replace (soup_server_message_get_response_headers (req->msg), "WWW-Authenticate",
                                "Basic realm=\"Realm\"");
  ds_reply_json (req, 401, o);
}

/* "user:password" from the header (transfer full, wiped by the caller),
 * or NULL. */
static char *
decode_basic (const char *header, gsize *len)
{
  guchar *decoded = g_base64_decode (header + strlen ("Basic "), len);
  char *pair = g_malloc (*len + 1);

  memcpy (pair, decoded, *len);
  pair[*len] = '\0';
  OPENSSL_cleanse (decoded, *len);
  g_free (decoded);
  if (strlen (pair) != *len || strchr (pair, ':') == NULL)
    {
      OPENSSL_cleanse (pair, *len);
      g_clear_pointer (&pair, g_free);
    }
  return pair;
}

static gboolean
check_basic (DsRequest *req, const char *header)
{
  gsize len = 0;
  char *pair = decode_basic (header, &len);
  char *password;
  g_autofree char *expected = NULL;
  g_autofree char *hash = NULL;
  gboolean ok;
  guint left;

  if (pair == NULL)
    {
      ds_reply_spring_401 (req);
      return FALSE;
    }
  password = strchr (pair, ':');
  *password++ = '\0';
  if (ds_throttle_refuse (req, &ds_limit_basic, pair))
    {
      OPENSSL_cleanse (pair, len);
      g_free (pair);
      return FALSE;
    }
  expected = ds_db_get (req->server->db, "SELECT password_sha256 FROM integrations WHERE user = ?", pair, NULL);
  hash = password_hash (password);
  ok = ds_secret_equal (hash, expected);
  if (ok)
    {
      ds_throttle_clear (req->server, &ds_limit_basic, pair);
      req->integration = g_strdup (pair);
    }
  else if ((left = ds_throttle_count (req->server, &ds_limit_basic, pair)) == 0)
    ds_throttle_reply (req, &ds_limit_basic, ds_limit_basic.lock);
  else
    ds_reply_spring_401 (req);
  OPENSSL_cleanse (pair, len);
  g_free (pair);
  return ok;
}

static const char *
authorization (DsRequest *req)
{
  return soup_message_headers_get_one (soup_server_message_get_request_headers (req->msg), "Authorization");
}

gboolean
ds_require_basic (DsRequest *req)
{
  const char *auth = authorization (req);

  if (auth == NULL || g_ascii_strncasecmp (auth, "Basic ", 6) != 0)
    {
      ds_reply_spring_401 (req);
      return FALSE;
    }
  return check_basic (req, auth);
}

gboolean
ds_require_integration (DsRequest *req)
{
  const char *auth = authorization (req);

  if (auth != NULL && g_str_has_prefix (auth, "Bearer "))
    return ds_require_user (req) != NULL;
  return ds_require_basic (req);
}
