/* ds-server.c — routing, JSON replies, tokens, and listening on loopback.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-devserver"

#include "ds-server.h"
#include "ds-body-limit.h"
#include "ds-data-dir.h"
#include "ds-tls.h"
#include "bs-error.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <string.h>

#define TOKEN_BYTES 32

static const DsRouteSpec *const route_tables[] = {
  ds_routes_accounts, ds_routes_signing, ds_routes_certificates, ds_routes_pki, ds_routes_documents,
  ds_routes_email_otp, ds_routes_seal, ds_routes_registration,
};

static DsRoute
find_route (const char *key)
{
  for (gsize t = 0; t < G_N_ELEMENTS (route_tables); t++)
    for (const DsRouteSpec *r = route_tables[t]; r->key != NULL; r++)
      if (g_str_equal (r->key, key))
        return r->route;
  return NULL;
}

gint64
ds_now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

gboolean
ds_secret_equal (const char *a, const char *b)
{
  gsize la = a ? strlen (a) : 0, lb = b ? strlen (b) : 0;

  return a != NULL && b != NULL && la == lb && CRYPTO_memcmp (a, b, la) == 0;
}

void
ds_reply_json (DsRequest *req, guint http_status, json_object *obj)
{
  req->status = http_status;
  soup_server_message_set_status (req->msg, http_status, NULL);
  if (obj != NULL)
    {
      const char *text = json_object_to_json_string_ext (obj, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
      soup_server_message_set_response (req->msg, "application/json; charset=utf-8", SOUP_MEMORY_COPY,
                                        text, strlen (text));
      json_object_put (obj);
    }
}

void
ds_reply_bytes (DsRequest *req, const char *content_type, GBytes *bytes)
{
  req->status = 200;
  soup_server_message_set_status (req->msg, 200, NULL);
  soup_server_message_set_response (req->msg, content_type, SOUP_MEMORY_COPY,
                                    g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

void
ds_reply_error (DsRequest *req, guint http_status, const char *code, int status_code,
                const char *message, json_object *extra)
{
  json_object *o = extra ? extra : json_object_new_object ();

  json_object_object_add (o, "status_code", json_object_new_int (status_code));
  json_object_object_add (o, "error", json_object_new_string (message));
  json_object_object_add (o, "code", json_object_new_string (code));
  ds_reply_json (req, http_status, o);
}

void
ds_reply_bad_request (DsRequest *req, const char *message)
{
  ds_reply_error (req, 400, "BAD_REQUEST", 4000, message, NULL);
}

gboolean
ds_optional_string (DsRequest *req, const char *key, const char **value)
{
  json_object *v = NULL;

  *value = NULL;
  if (req->body == NULL || !json_object_object_get_ex (req->body, key, &v) || v == NULL)
    return TRUE;
  if (!json_object_is_type (v, json_type_string))
    {
      g_autofree char *m = g_strdup_printf ("Kolom %s harus berupa teks", key);
      ds_reply_bad_request (req, m);
      return FALSE;
    }
  *value = json_object_get_string (v);
  return TRUE;
}

const char *
ds_require_string (DsRequest *req, const char *key)
{
  const char *value;

  if (!ds_optional_string (req, key, &value))
    return NULL;
  if (value == NULL || *value == '\0')
    {
      g_autofree char *m = g_strdup_printf ("Kolom %s wajib diisi", key);
      ds_reply_bad_request (req, m);
      return NULL;
    }
  return value;
}

char *
ds_new_token (void)
{
  guint8 raw[TOKEN_BYTES];
  char *b64;

  RAND_bytes (raw, sizeof raw);
  b64 = g_base64_encode (raw, sizeof raw);
  OPENSSL_cleanse (raw, sizeof raw);
  /* base64url (RFC 4648 §5), no padding: safe in URLs and headers. */
  g_strdelimit (b64, "+", '-');
  g_strdelimit (b64, "/", '_');
  g_strdelimit (b64, "=", '\0');
  return b64;
}

char *
ds_token_hash (const char *token)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
}

char *
ds_issue_token (DsServer *server, const char *user_id, const char *kind, gint64 seconds, const char *data)
{
  char *token = ds_new_token ();
  g_autofree char *hash = ds_token_hash (token);
  g_autofree char *expires = g_strdup_printf ("%" G_GINT64_FORMAT, ds_now () + seconds);

  ds_db_exec (server->db, "INSERT INTO tokens (hash, user_id, kind, expires, data) VALUES (?, ?, ?, ?, ?)",
              hash, user_id, kind, expires, data ? data : DS_DB_NULL, NULL);
  return token;
}

char *
ds_check_token (DsServer *server, const char *token, const char *kind, char **data_out)
{
  g_autofree char *hash = token ? ds_token_hash (token) : NULL;
  g_autofree char *now = g_strdup_printf ("%" G_GINT64_FORMAT, ds_now ());
  g_autoptr(GPtrArray) rows = NULL;
  char **row;

  if (hash == NULL)
    return NULL;
  rows = ds_db_rows (server->db, "SELECT user_id, data FROM tokens WHERE hash = ? AND kind = ? AND expires > ?",
                     hash, kind, now, NULL);
  if (rows->len == 0)
    return NULL;
  row = g_ptr_array_index (rows, 0);
  if (data_out != NULL)
    *data_out = g_strdup (row[1]);
  return g_strdup (row[0]);
}

void
ds_reply_token_refused (DsRequest *req, const char *token)
{
  g_autofree char *hash = ds_token_hash (token);
  g_autofree char *known = ds_db_get (req->server->db, "SELECT kind FROM tokens WHERE hash = ?", hash, NULL);

  /* A token still stored has only run out of time; any other was never
   * issued or was ended by logout or use. */
  if (known != NULL)
    ds_reply_error (req, 401, "TOKEN_EXPIRED", 4013, "Sesi telah berakhir, silakan masuk kembali", NULL);
  else
    ds_reply_error (req, 401, "TOKEN_INVALID", 4013, "Sesi tidak valid, silakan masuk kembali", NULL);
}

const char *
ds_require_user (DsRequest *req)
{
  const char *auth = soup_message_headers_get_one (soup_server_message_get_request_headers (req->msg),
                                                   "Authorization");

  if (auth == NULL || !g_str_has_prefix (auth, "Bearer "))
    {
      ds_reply_error (req, 401, "TOKEN_INVALID", 4013, "Sesi tidak valid, silakan masuk kembali", NULL);
      return NULL;
    }
  req->user_id = ds_check_token (req->server, auth + 7, "access", NULL);
  if (req->user_id == NULL)
    ds_reply_token_refused (req, auth + 7);
  return req->user_id;
}

static void
parse_body (DsRequest *req)
{
  SoupMessageBody *body = soup_server_message_get_request_body (req->msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  json_tokener *tok;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  if (len == 0)
    {
      req->body = json_object_new_object ();
      return;
    }
  tok = json_tokener_new ();
  req->body = json_tokener_parse_ex (tok, data, (int) len);
  if (req->body != NULL && (json_tokener_get_error (tok) != json_tokener_success
                            || !json_object_is_type (req->body, json_type_object)))
    g_clear_pointer (&req->body, json_object_put);
  json_tokener_free (tok);
}

static gboolean
body_is_json (const char *method, const char *path)
{
  return g_str_equal (method, "POST") && g_str_has_prefix (path, "/api/");
}

/* Logs the route, status, duration and user only — never a secret. */
static void
request_done (DsRequest *req)
{
  g_message ("%s %s -> %u (%.1f ms)%s%s", soup_server_message_get_method (req->msg), req->path, req->status,
             (g_get_monotonic_time () - req->start) / 1000.0, req->user_id ? " user=" : "",
             req->user_id ? req->user_id : "");
  g_clear_pointer (&req->body, json_object_put);
  g_clear_pointer (&req->user_id, g_free);
  g_clear_pointer (&req->integration, g_free);
}

typedef struct {
  DsRequest      req;
  char          *path;
  DsWork         work;
  DsFinish       finish;
  gpointer       data;
  GDestroyNotify free_data;
} Deferred;

static void
deferred_free (Deferred *d)
{
  if (d->free_data)
    d->free_data (d->data);
  g_object_unref (d->req.msg);
  g_free (d->path);
  g_free (d);
}

/* Back on the main loop: reply, resume the message, log. */
static gboolean
deferred_finish (gpointer data)
{
  Deferred *d = data;

  d->finish (&d->req, d->data);
  soup_server_message_unpause (d->req.msg);
  request_done (&d->req);
  deferred_free (d);
  return G_SOURCE_REMOVE;
}

static void
deferred_work (gpointer data, gpointer pool_data)
{
  Deferred *d = data;

  d->work (d->data);
  g_main_context_invoke (NULL, deferred_finish, d);
}

void
ds_request_defer (DsRequest *req, DsWork work, DsFinish finish, gpointer data, GDestroyNotify free_data)
{
  /* One worker per core, first come first served: under load every
   * request waits its turn instead of all slowing down together. */
  static GThreadPool *pool;
  Deferred *d = g_new0 (Deferred, 1);

  if (g_once_init_enter (&pool))
    g_once_init_leave (&pool, g_thread_pool_new (deferred_work, NULL, (int) g_get_num_processors (), TRUE, NULL));
  d->req = *req;
  d->path = g_strdup (req->path);
  d->req.path = d->path;
  g_object_ref (req->msg);
  d->work = work;
  d->finish = finish;
  d->data = data;
  d->free_data = free_data;
  /* The copy owns the body and user from now on. */
  req->body = NULL;
  req->user_id = NULL;
  req->integration = NULL;
  req->deferred = TRUE;
  soup_server_message_pause (req->msg);
  g_thread_pool_push (pool, d, NULL);
}

static void
on_request (SoupServer *soup, SoupServerMessage *msg, const char *path, GHashTable *query,
            gpointer user_data)
{
  DsRequest req = { .server = user_data, .msg = msg, .path = path, .start = g_get_monotonic_time () };
  const char *method = soup_server_message_get_method (msg);
  g_autofree char *key = g_strdup_printf ("%s %s", method, path);
  DsRoute route = find_route (key);
  char *slash;

  /* Routes with an id in the path are registered with a trailing '*'. */
  for (slash = strrchr (key, '/'); route == NULL && slash != NULL; slash = NULL)
    {
      g_autofree char *prefix = g_strndup (key, (gsize) (slash - key + 1));
      g_autofree char *wild = g_strconcat (prefix, "*", NULL);
      route = find_route (wild);
    }
  if (route == NULL)
    ds_reply_error (&req, 404, "NOT_FOUND", 4044, "Alamat tidak ditemukan", NULL);
  else if (body_is_json (method, path) && (parse_body (&req), req.body == NULL))
    ds_reply_bad_request (&req, "Isi permintaan bukan JSON yang valid");
  else
    route (&req);
  if (!req.deferred)
    request_done (&req);
}

DsServer *
ds_server_new (const char *data_dir, GError **error)
{
  DsServer *server = g_new0 (DsServer, 1);
  g_autofree char *db_path = g_build_filename (data_dir, "besign-devserver.sqlite", NULL);

  if (!ds_data_dir_prepare (data_dir, error) || !ds_data_dir_private_file (db_path, error))
    {
      g_free (server);
      return NULL;
    }
  server->data_dir = g_strdup (data_dir);
  server->keys = ds_key_cache_new ();
  server->db = ds_db_open (db_path, error);
  if (server->db == NULL)
    {
      ds_server_free (server);
      return NULL;
    }
  return server;
}

gboolean
ds_server_address_is_loopback (const char *address)
{
  g_autoptr(GInetAddress) a = g_inet_address_new_from_string (address);

  return a != NULL && g_inet_address_get_is_loopback (a);
}

void
ds_server_reset_listener (DsServer *server)
{
  if (server->soup != NULL)
    soup_server_disconnect (server->soup);
  g_clear_object (&server->soup);
  g_clear_pointer (&server->base_url, g_free);
  g_clear_pointer (&server->pki_url, g_free);
}

/* Signing at B-T asks the server's own TSA through the core's HTTP
 * client, which rightly does not trust the self-signed --tls certificate;
 * with --tls a second, plain listener on loopback serves that. */
static gboolean
listen_internal (DsServer *server, GInetAddress *inet, gboolean tls, GError **error)
{
  g_autoptr(GSocketAddress) any_port = NULL;
  GSList *before, *after;

  if (!tls)
    {
      server->pki_url = g_strdup (server->base_url);
      return TRUE;
    }
  before = soup_server_get_listeners (server->soup);
  any_port = g_inet_socket_address_new (inet, 0);
  if (!soup_server_listen (server->soup, any_port, 0, error))
    return FALSE;
  after = soup_server_get_listeners (server->soup);
  for (GSList *l = after; l != NULL; l = l->next)
    if (g_slist_find (before, l->data) == NULL)
      {
        g_autoptr(GSocketAddress) local = g_socket_get_local_address (l->data, NULL);
        g_autofree char *host = g_inet_address_to_string (inet);
        guint16 port = local ? g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local)) : 0;
        server->pki_url = g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV6
                          ? g_strdup_printf ("http://[%s]:%u", host, port) : g_strdup_printf ("http://%s:%u", host, port);
      }
  g_slist_free (before);
  g_slist_free (after);
  return server->pki_url != NULL;
}

gboolean
ds_server_listen (DsServer *server, const char *address, guint port, gboolean tls, GError **error)
{
  g_autoptr(GInetAddress) inet = NULL;
  g_autoptr(GSocketAddress) sockaddr = NULL;
  GSList *uris;

  if (!ds_server_address_is_loopback (address))
    {
      g_set_error (error, BS_ERROR, BS_ERROR_INVALID_ARGUMENT,
                   "Refusing to listen on %s: the development server listens on loopback only", address);
      return FALSE;
    }
  server->soup = soup_server_new ("server-header", "besign-devserver/" BESIGN_VERSION, NULL);
  if (tls)
    {
      g_autoptr(GTlsCertificate) cert = ds_tls_certificate (server->data_dir, error);
      if (cert == NULL)
        return FALSE;
      soup_server_set_tls_certificate (server->soup, cert);
    }
  ds_body_limit_install (server->soup, DS_MAX_BODY);
  soup_server_add_handler (server->soup, NULL, on_request, server, NULL);
  inet = g_inet_address_new_from_string (address);
  sockaddr = g_inet_socket_address_new (inet, (guint16) port);
  if (!soup_server_listen (server->soup, sockaddr, tls ? SOUP_SERVER_LISTEN_HTTPS : 0, error))
    return FALSE;
  uris = soup_server_get_uris (server->soup);
  {
    GUri *uri = uris->data;
    g_autofree char *host = g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV6
                            ? g_strdup_printf ("[%s]", address) : g_strdup (address);
    server->base_url = g_strdup_printf ("%s://%s:%d", tls ? "https" : "http", host, g_uri_get_port (uri));
  }
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  if (!listen_internal (server, inet, tls, error))
    return FALSE;
  server->pki = ds_pki_open (server->db, server->base_url, error);
  return server->pki != NULL;
}

void
ds_server_free (DsServer *server)
{
  if (server == NULL)
    return;
  g_clear_object (&server->soup);
  ds_pki_free (server->pki);
  ds_key_cache_free (server->keys);
  ds_db_close (server->db);
  g_free (server->data_dir);
  g_free (server->base_url);
  g_free (server->pki_url);
  g_free (server);
}
