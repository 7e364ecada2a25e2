/* bs-http.c — the one file that calls libcurl.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-http.h"

#include "bs-secret.h"

#include <curl/curl.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#define CONNECT_TIMEOUT 10
#define DEFAULT_MAX_ANSWER (16u * 1024 * 1024)

G_DEFINE_QUARK (besign-http-error-quark, bs_http_error)

typedef struct {
  GByteArray   *body;
  gsize         max;
  gboolean      too_large;
  GCancellable *cancellable;
} Transfer;

static size_t
on_data (char *data, size_t size, size_t n, void *user_data)
{
  Transfer *t = user_data;
  gsize len = size * n;

  if (t->body->len + len > t->max)
    {
      t->too_large = TRUE;
      return 0;
    }
  g_byte_array_append (t->body, (const guint8 *) data, (guint) len);
  return len;
}

static int
on_progress (void *user_data, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow)
{
  Transfer *t = user_data;

  return g_cancellable_is_cancelled (t->cancellable) ? 1 : 0;
}

gboolean
bs_http_url_is_loopback (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *host = uri ? g_uri_get_host (uri) : NULL;

  return host != NULL && (g_str_has_prefix (host, "127.") || g_strcmp0 (host, "::1") == 0
                          || g_ascii_strcasecmp (host, "localhost") == 0);
}

static gboolean
check_url (const BsHttpRequest *r, GError **error)
{
  if (g_str_has_prefix (r->url, "https://"))
    return TRUE;
  if (g_str_has_prefix (r->url, "http://")
      && ((r->flags & BS_HTTP_ALLOW_PLAIN_PKI) || bs_http_url_is_loopback (r->url)))
    return TRUE;
  g_set_error (error, BS_HTTP_ERROR, BS_HTTP_ERROR_REFUSED_URL,
               _("Refusing to connect to %s: only https:// is allowed (http:// only to this computer)"),
               r->url);
  return FALSE;
}

/* The whole request went out: a failure now leaves its outcome unknown. */
static gboolean
request_was_sent (CURL *curl, const BsHttpRequest *r)
{
  curl_off_t uploaded = 0;
  long header_size = 0;

  curl_easy_getinfo (curl, CURLINFO_SIZE_UPLOAD_T, &uploaded);
  curl_easy_getinfo (curl, CURLINFO_REQUEST_SIZE, &header_size);
  return header_size > 0 && (r->body == NULL || uploaded >= (curl_off_t) g_bytes_get_size (r->body));
}

static void
map_curl_error (CURLcode rc, const char *detail, const Transfer *t, gboolean sent, GError **error)
{
  BsHttpError code;

  switch (rc)
    {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
      code = BS_HTTP_ERROR_CONNECT;
      break;
    case CURLE_OPERATION_TIMEDOUT:
      code = BS_HTTP_ERROR_TIMEOUT;
      break;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CACERT_BADFILE:
      code = BS_HTTP_ERROR_TLS;
      break;
    case CURLE_WRITE_ERROR:
      code = t->too_large ? BS_HTTP_ERROR_TOO_LARGE : BS_HTTP_ERROR_FAILED;
      break;
    default:
      code = BS_HTTP_ERROR_FAILED;
      break;
    }
  if (sent && (rc == CURLE_OPERATION_TIMEDOUT || rc == CURLE_RECV_ERROR || rc == CURLE_GOT_NOTHING
               || rc == CURLE_PARTIAL_FILE))
    code = BS_HTTP_ERROR_NO_ANSWER;
  if (code == BS_HTTP_ERROR_NO_ANSWER)
    g_set_error_literal (error, BS_HTTP_ERROR, code, _("The request was sent but no answer came back"));
  else if (code == BS_HTTP_ERROR_TOO_LARGE)
    g_set_error_literal (error, BS_HTTP_ERROR, code, _("The server's answer is too large"));
  else if (code == BS_HTTP_ERROR_TLS)
    g_set_error (error, BS_HTTP_ERROR, code, _("The server's certificate is not trusted: %s"), detail);
  else if (code == BS_HTTP_ERROR_TIMEOUT)
    g_set_error_literal (error, BS_HTTP_ERROR, code, _("The server did not answer in time"));
  else if (code == BS_HTTP_ERROR_CONNECT)
    g_set_error (error, BS_HTTP_ERROR, code, _("Cannot reach the server: %s"), detail);
  else
    g_set_error (error, BS_HTTP_ERROR, code, _("The connection failed: %s"), detail);
}

static void
configure (CURL *curl, const BsHttpRequest *r, Transfer *t, struct curl_slist *headers, char *errbuf)
{
  curl_easy_setopt (curl, CURLOPT_URL, r->url);
  curl_easy_setopt (curl, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt (curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt (curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt (curl, CURLOPT_SSL_VERIFYHOST, 2L);
  if (r->ca_file != NULL)
    curl_easy_setopt (curl, CURLOPT_CAINFO, r->ca_file);
  curl_easy_setopt (curl, CURLOPT_CONNECTTIMEOUT, (long) CONNECT_TIMEOUT);
  curl_easy_setopt (curl, CURLOPT_TIMEOUT, (long) (r->timeout_seconds ? r->timeout_seconds : 15));
  curl_easy_setopt (curl, CURLOPT_USERAGENT, "BeSign-Desktop/" BESIGN_VERSION);
  curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, on_data);
  curl_easy_setopt (curl, CURLOPT_WRITEDATA, t);
  curl_easy_setopt (curl, CURLOPT_XFERINFOFUNCTION, on_progress);
  curl_easy_setopt (curl, CURLOPT_XFERINFODATA, t);
  curl_easy_setopt (curl, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt (curl, CURLOPT_HTTPHEADER, headers);
  if (g_strcmp0 (r->method, "POST") == 0)
    {
      gsize len = 0;
      const void *data = r->body ? g_bytes_get_data (r->body, &len) : "";
      curl_easy_setopt (curl, CURLOPT_POST, 1L);
      curl_easy_setopt (curl, CURLOPT_POSTFIELDS, data);
      curl_easy_setopt (curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t) len);
    }
  else if (g_strcmp0 (r->method, "GET") != 0)
    curl_easy_setopt (curl, CURLOPT_CUSTOMREQUEST, r->method);
}

static struct curl_slist *
request_headers (const BsHttpRequest *r)
{
  struct curl_slist *headers = NULL;

  if (r->content_type != NULL)
    {
      g_autofree char *h = g_strdup_printf ("Content-Type: %s", r->content_type);
      headers = curl_slist_append (headers, h);
    }
  if (r->authorization != NULL)
    {
      char *h = g_strdup_printf ("Authorization: %s", r->authorization);
      headers = curl_slist_append (headers, h);
      bs_wipe_free (h, strlen (h));
    }
  return curl_slist_append (headers, "Expect:");
}

/* curl_slist copies its strings: wipe the Authorization copy too. */
static void
free_headers (struct curl_slist *headers)
{
  for (struct curl_slist *h = headers; h != NULL; h = h->next)
    memset (h->data, 0, strlen (h->data));
  curl_slist_free_all (headers);
}

static BsHttpResponse *
perform (CURL *curl, const BsHttpRequest *r, GCancellable *cancellable, GError **error)
{
  Transfer t = { g_byte_array_new (), r->max_answer ? r->max_answer : DEFAULT_MAX_ANSWER, FALSE, cancellable };
  char errbuf[CURL_ERROR_SIZE] = "";
  struct curl_slist *headers;
  BsHttpResponse *response = NULL;
  CURLcode rc;

  if (!check_url (r, error))
    {
      g_byte_array_unref (t.body);
      return NULL;
    }
  headers = request_headers (r);
  configure (curl, r, &t, headers, errbuf);
  rc = curl_easy_perform (curl);
  if (rc == CURLE_ABORTED_BY_CALLBACK)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled"));
  else if (rc != CURLE_OK)
    map_curl_error (rc, errbuf[0] ? errbuf : curl_easy_strerror (rc), &t, request_was_sent (curl, r), error);
  else
    {
      char *ct = NULL;
      response = g_new0 (BsHttpResponse, 1);
      curl_easy_getinfo (curl, CURLINFO_RESPONSE_CODE, &response->status);
      curl_easy_getinfo (curl, CURLINFO_CONTENT_TYPE, &ct);
      response->content_type = g_strdup (ct);
      response->body = g_byte_array_free_to_bytes (g_steal_pointer (&t.body));
    }
  /* The handle keeps no pointer to our headers once reset. */
  curl_easy_setopt (curl, CURLOPT_HTTPHEADER, NULL);
  free_headers (headers);
  if (t.body != NULL)
    g_byte_array_unref (t.body);
  return response;
}

BsHttpResponse *
bs_http_send (const BsHttpRequest *r, GCancellable *cancellable, GError **error)
{
  CURL *curl = curl_easy_init ();
  BsHttpResponse *response = perform (curl, r, cancellable, error);

  curl_easy_cleanup (curl);
  return response;
}

struct _BsHttpClient {
  GMutex lock;
  CURL  *curl;
};

BsHttpClient *
bs_http_client_new (void)
{
  BsHttpClient *client = g_new0 (BsHttpClient, 1);

  g_mutex_init (&client->lock);
  client->curl = curl_easy_init ();
  return client;
}

void
bs_http_client_free (BsHttpClient *client)
{
  if (client == NULL)
    return;
  curl_easy_cleanup (client->curl);
  g_mutex_clear (&client->lock);
  g_free (client);
}

BsHttpResponse *
bs_http_client_send (BsHttpClient *client, const BsHttpRequest *r, GCancellable *cancellable, GError **error)
{
  BsHttpResponse *response;

  g_mutex_lock (&client->lock);
  /* A reset handle keeps its open connection for the next request. */
  curl_easy_reset (client->curl);
  response = perform (client->curl, r, cancellable, error);
  g_mutex_unlock (&client->lock);
  return response;
}

void
bs_http_response_free (BsHttpResponse *response)
{
  if (response == NULL)
    return;
  g_free (response->content_type);
  g_clear_pointer (&response->body, g_bytes_unref);
  g_free (response);
}
