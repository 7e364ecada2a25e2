/* bs-bsre-session.c — see bs-bsre-session.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-bsre-session.h"
#include "bs-bsre-answer.h"
#include "bs-http.h"
#include "bs-json-read.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define ACCOUNT_TIMEOUT 15
#define SIGNING_TIMEOUT 120
#define GET_RETRIES 2
#define MAX_ANSWER (256u * 1024 * 1024)

G_DEFINE_QUARK (besign-bsre-error-quark, bs_bsre_error)

struct _BsBsreSession {
  BsBsreKind    kind;
  GMutex        lock;        /* guards the secrets below */
  char         *base_url;    /* without a trailing slash */
  char         *ca_file;
  BsHttpClient *http;
  BsSecret     *bearer;      /* "Bearer <token>" */
  BsSecret     *basic;       /* "Basic <base64>" */
  guint         account_timeout;
  guint         signing_timeout;
};

static void set_basic (BsBsreSession *s, const char *user, const BsSecret *password);

BsBsreSession *
bs_bsre_session_new (const char *base_url, const char *ca_file, GError **error)
{
  g_autoptr(GUri) uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);
  BsBsreSession *s;

  if (uri == NULL || (g_strcmp0 (g_uri_get_scheme (uri), "https") != 0
                      && !(g_strcmp0 (g_uri_get_scheme (uri), "http") == 0 && bs_http_url_is_loopback (base_url))))
    {
      g_set_error (error, BS_BSRE_ERROR, BS_BSRE_ERROR_REFUSED_URL,
                   _("“%s” is not a usable service address: it must start with https:// "
                     "(http:// only for a server on this computer)"), base_url);
      return NULL;
    }
  s = g_new0 (BsBsreSession, 1);
  g_mutex_init (&s->lock);
  s->base_url = g_strdup (base_url);
  while (g_str_has_suffix (s->base_url, "/"))
    s->base_url[strlen (s->base_url) - 1] = '\0';
  s->ca_file = g_strdup (ca_file);
  s->http = bs_http_client_new ();
  s->account_timeout = ACCOUNT_TIMEOUT;
  s->signing_timeout = SIGNING_TIMEOUT;
  return s;
}

BsBsreSession *
bs_bsre_session_new_esign_client (const char *base_url, const char *ca_file, const char *user,
                                  const BsSecret *password, GError **error)
{
  BsBsreSession *s;

  g_return_val_if_fail (user != NULL && password != NULL, NULL);
  /* RFC 7617: the user-id of Basic authentication cannot hold a colon. */
  if (*user == '\0' || strchr (user, ':') != NULL)
    {
      g_set_error_literal (error, BS_BSRE_ERROR, BS_BSRE_ERROR_UNAUTHORIZED,
                           _("The integration's user name must be given and cannot contain “:”"));
      return NULL;
    }
  s = bs_bsre_session_new (base_url, ca_file, error);
  if (s == NULL)
    return NULL;
  s->kind = BS_BSRE_KIND_ESIGN_CLIENT;
  set_basic (s, user, password);
  return s;
}

BsBsreKind
bs_bsre_session_get_kind (BsBsreSession *s)
{
  return s->kind;
}

void
bs_bsre_session_free (BsBsreSession *s)
{
  if (s == NULL)
    return;
  bs_http_client_free (s->http);
  g_clear_pointer (&s->bearer, bs_secret_free);
  g_clear_pointer (&s->basic, bs_secret_free);
  g_free (s->base_url);
  g_free (s->ca_file);
  g_mutex_clear (&s->lock);
  g_free (s);
}

const char *
bs_bsre_session_get_base_url (BsBsreSession *s)
{
  return s->base_url;
}

void
bs_bsre_session_set_timeouts (BsBsreSession *s, guint account_seconds, guint signing_seconds)
{
  s->account_timeout = account_seconds;
  s->signing_timeout = signing_seconds;
}

static BsSecret *
secret_printf (const char *prefix, const char *value)
{
  char *text = g_strconcat (prefix, value, NULL);
  BsSecret *secret = bs_secret_new (text, strlen (text));

  bs_wipe_free (text, strlen (text));
  return secret;
}

void
bs_bsre_session_set_token (BsBsreSession *s, const char *access_token)
{
  g_mutex_lock (&s->lock);
  g_clear_pointer (&s->bearer, bs_secret_free);
  s->bearer = secret_printf ("Bearer ", access_token);
  g_mutex_unlock (&s->lock);
}

gboolean
bs_bsre_session_is_logged_in (BsBsreSession *s)
{
  gboolean in;

  g_mutex_lock (&s->lock);
  in = s->bearer != NULL || s->basic != NULL;
  g_mutex_unlock (&s->lock);
  return in;
}

void
bs_bsre_session_forget_token (BsBsreSession *s)
{
  g_mutex_lock (&s->lock);
  g_clear_pointer (&s->bearer, bs_secret_free);
  g_mutex_unlock (&s->lock);
}

static void
set_basic (BsBsreSession *s, const char *user, const BsSecret *password)
{
  char *pair = g_strdup_printf ("%s:%s", user, bs_secret_get (password));
  char *b64 = g_base64_encode ((const guint8 *) pair, strlen (pair));

  g_mutex_lock (&s->lock);
  g_clear_pointer (&s->basic, bs_secret_free);
  s->basic = secret_printf ("Basic ", b64);
  g_mutex_unlock (&s->lock);
  bs_wipe_free (pair, strlen (pair));
  bs_wipe_free (b64, strlen (b64));
}

/* ---- wiping -------------------------------------------------------------- */

static void
wipe_strings (json_object *obj)
{
  if (json_object_is_type (obj, json_type_string))
    {
      /* json-c owns the buffer; clearing it in place is what we want. */
      char *text = (char *) json_object_get_string (obj);
      memset (text, 0, (size_t) json_object_get_string_len (obj));
    }
  else if (json_object_is_type (obj, json_type_array))
    {
      for (size_t i = 0; i < json_object_array_length (obj); i++)
        wipe_strings (json_object_array_get_idx (obj, i));
    }
  else if (json_object_is_type (obj, json_type_object))
    {
      json_object_object_foreach (obj, key, value)
        {
          (void) key;
          if (value != NULL)
            wipe_strings (value);
        }
    }
}

void
bs_json_wipe_put (json_object *obj)
{
  if (obj == NULL)
    return;
  wipe_strings (obj);
  json_object_put (obj);
}

static void
wipe_bytes (GBytes *bytes)
{
  gsize len = 0;
  guint8 *data = bytes ? (guint8 *) g_bytes_get_data (bytes, &len) : NULL;

  if (data != NULL)
    memset (data, 0, len);
}

/* ---- errors -------------------------------------------------------------- */

static void
set_transport_error (GError *http_error, BsBsreCallKind kind, GError **error)
{
  BsBsreError code = BS_BSRE_ERROR_UNREACHABLE;

  if (g_error_matches (http_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, http_error);
      return;
    }
  switch (http_error->code)
    {
    case BS_HTTP_ERROR_NO_ANSWER:
      if (kind == BS_BSRE_CALL_SIGNING)
        {
          g_set_error_literal (error, BS_BSRE_ERROR, BS_BSRE_ERROR_OUTCOME_UNKNOWN,
                               _("The signing request was sent but no answer came back, so it is not known "
                                 "whether anything was signed: check the output folder before signing again"));
          g_error_free (http_error);
          return;
        }
      code = BS_BSRE_ERROR_TIMEOUT;
      break;
    case BS_HTTP_ERROR_TIMEOUT: code = BS_BSRE_ERROR_TIMEOUT; break;
    case BS_HTTP_ERROR_TLS: code = BS_BSRE_ERROR_TLS; break;
    case BS_HTTP_ERROR_REFUSED_URL: code = BS_BSRE_ERROR_REFUSED_URL; break;
    case BS_HTTP_ERROR_TOO_LARGE: code = BS_BSRE_ERROR_UNEXPECTED_ANSWER; break;
    default: break;
    }
  g_set_error_literal (error, BS_BSRE_ERROR, code, http_error->message);
  g_error_free (http_error);
}

/* ---- calls --------------------------------------------------------------- */

static json_object *
parse_object (BsHttpResponse *response)
{
  gsize len = 0;
  const char *data = response->body ? g_bytes_get_data (response->body, &len) : NULL;
  json_tokener *tok;
  json_object *obj;

  if (data == NULL || len == 0 || len > G_MAXINT)
    return NULL;
  tok = json_tokener_new ();
  obj = json_tokener_parse_ex (tok, data, (int) len);
  if (obj != NULL && (json_tokener_get_error (tok) != json_tokener_success
                      || !json_object_is_type (obj, json_type_object)))
    g_clear_pointer (&obj, bs_json_wipe_put);
  json_tokener_free (tok);
  return obj;
}

static json_object *
interpret (BsHttpResponse *response, BsBsreSentAuth sent, GError **error)
{
  json_object *answer = parse_object (response);
  gsize len = response->body ? g_bytes_get_size (response->body) : 0;
  gboolean success = response->status >= 200 && response->status < 300;

  if (success && answer == NULL && len == 0)
    return json_object_new_object ();
  if (success && answer == NULL)
    g_set_error_literal (error, BS_BSRE_ERROR, BS_BSRE_ERROR_UNEXPECTED_ANSWER,
                         _("The service gave an unexpected answer (not JSON)"));
  if (success && !bs_bsre_answer_is_error (answer))
    return answer;
  if (answer != NULL || !success)
    bs_bsre_answer_set_error (response->status, answer, sent, error);
  bs_json_wipe_put (answer);
  return NULL;
}

/* The Authorization header for @auth: the integration's Basic credentials
 * on an Esign Client Service, the access token on an account. */
static BsSecret *
authorization (BsBsreSession *s, BsBsreAuth auth, BsBsreSentAuth *sent)
{
  BsSecret *header = NULL;
  const BsSecret *source = NULL;

  g_mutex_lock (&s->lock);
  if (auth != BS_BSRE_AUTH_NONE)
    source = s->kind == BS_BSRE_KIND_ESIGN_CLIENT ? s->basic : s->bearer;
  if (source != NULL)
    header = bs_secret_new (bs_secret_get (source), bs_secret_get_length (source));
  g_mutex_unlock (&s->lock);
  *sent = source == NULL ? BS_BSRE_SENT_NONE : source == s->basic ? BS_BSRE_SENT_BASIC : BS_BSRE_SENT_BEARER;
  return header;
}

static gboolean
is_retryable (BsHttpResponse *response, GError *http_error)
{
  if (http_error != NULL)
    return http_error->domain == BS_HTTP_ERROR
           && (http_error->code == BS_HTTP_ERROR_CONNECT || http_error->code == BS_HTTP_ERROR_TIMEOUT
               || http_error->code == BS_HTTP_ERROR_NO_ANSWER || http_error->code == BS_HTTP_ERROR_FAILED);
  return response->status >= 500;
}

json_object *
bs_bsre_session_call (BsBsreSession *s, const char *method, const char *path, json_object *body,
                      BsBsreCallKind kind, BsBsreAuth auth, long *http_status,
                      GCancellable *cancellable, GError **error)
{
  g_autofree char *url = g_strconcat (s->base_url, path, NULL);
  BsBsreSentAuth sent = BS_BSRE_SENT_NONE;
  g_autoptr(BsSecret) auth_header = authorization (s, auth, &sent);
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(BsHttpResponse) response = NULL;
  BsHttpRequest request = {
    .method = method, .url = url, .ca_file = s->ca_file, .max_answer = MAX_ANSWER,
    .timeout_seconds = kind == BS_BSRE_CALL_SIGNING ? s->signing_timeout : s->account_timeout,
    .authorization = auth_header ? bs_secret_get (auth_header) : NULL,
  };
  GError *http_error = NULL;
  json_object *answer;
  int retries = g_str_equal (method, "GET") ? GET_RETRIES : 0;

  if (auth == BS_BSRE_AUTH_BEARER && s->kind == BS_BSRE_KIND_ESIGN_CLIENT)
    {
      bs_json_wipe_put (body);
      g_set_error_literal (error, BS_BSRE_ERROR, BS_BSRE_ERROR_NEEDS_ACCOUNT,
                           _("This needs a BeSign account: an Esign Client Service connection cannot do it"));
      return NULL;
    }
  if (auth == BS_BSRE_AUTH_BEARER && auth_header == NULL)
    {
      bs_json_wipe_put (body);
      g_set_error_literal (error, BS_BSRE_ERROR, BS_BSRE_ERROR_SESSION_EXPIRED,
                           _("Your session has ended: log in again (your documents are kept)"));
      return NULL;
    }
  if (body != NULL)
    {
      const char *text = json_object_to_json_string_ext (body, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
      payload = g_bytes_new (text, strlen (text));
      memset ((char *) text, 0, strlen (text));
      bs_json_wipe_put (body);
      request.body = payload;
      request.content_type = "application/json; charset=utf-8";
    }
  for (int attempt = 0;; attempt++)
    {
      g_clear_error (&http_error);
      g_clear_pointer (&response, bs_http_response_free);
      response = bs_http_client_send (s->http, &request, cancellable, &http_error);
      if (attempt >= retries || !is_retryable (response, http_error)
          || g_cancellable_is_cancelled (cancellable))
        break;
      /* Back-off before retrying an idempotent GET: 0.5 s, then 1 s. */
      g_usleep ((gulong) (500000 << attempt));
    }
  wipe_bytes (payload);
  if (response == NULL)
    {
      set_transport_error (http_error, kind, error);
      return NULL;
    }
  if (http_status != NULL)
    *http_status = response->status;
  answer = interpret (response, sent, &http_error);
  wipe_bytes (response->body);
  if (http_error != NULL)
    {
      if (g_error_matches (http_error, BS_BSRE_ERROR, BS_BSRE_ERROR_SESSION_EXPIRED))
        bs_bsre_session_forget_token (s);
      g_propagate_error (error, http_error);
    }
  return answer;
}
