/* stub-server.c — see stub-server.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "stub-server.h"

#include <string.h>

typedef struct {
  guint  count;
  char  *body;
  char  *auth;
} Seen;

struct _StubServer {
  GMainContext *context;
  GMainLoop    *loop;
  GThread      *thread;
  char         *url;
  StubHandler   handler;
  gpointer      user_data;
  GMutex        lock;
  GCond         ready;
  GHashTable   *seen;    /* path → Seen */
};

static void
seen_free (Seen *s)
{
  g_free (s->body);
  g_free (s->auth);
  g_free (s);
}

static void
record (StubServer *s, const char *path, const char *auth, GBytes *body)
{
  Seen *seen;

  g_mutex_lock (&s->lock);
  seen = g_hash_table_lookup (s->seen, path);
  if (seen == NULL)
    {
      seen = g_new0 (Seen, 1);
      g_hash_table_insert (s->seen, g_strdup (path), seen);
    }
  seen->count++;
  g_free (seen->body);
  g_free (seen->auth);
  seen->body = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  seen->auth = g_strdup (auth);
  g_mutex_unlock (&s->lock);
}

static void
on_request (SoupServer *soup, SoupServerMessage *msg, const char *path, GHashTable *query, gpointer data)
{
  StubServer *s = data;
  SoupMessageBody *request = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) body = soup_message_body_flatten (request);
  const char *auth = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Authorization");

  record (s, path, auth, body);
  s->handler (msg, soup_server_message_get_method (msg), path, auth, body, s->user_data);
}

static gpointer
serve (gpointer data)
{
  StubServer *s = data;
  SoupServer *soup;
  GSList *uris;

  g_main_context_push_thread_default (s->context);
  soup = soup_server_new (NULL, NULL);
  soup_server_add_handler (soup, NULL, on_request, s, NULL);
  g_assert_true (soup_server_listen_local (soup, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, NULL));
  uris = soup_server_get_uris (soup);
  g_mutex_lock (&s->lock);
  s->url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_cond_signal (&s->ready);
  g_mutex_unlock (&s->lock);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  g_main_loop_run (s->loop);
  g_object_unref (soup);
  g_main_context_pop_thread_default (s->context);
  return NULL;
}

StubServer *
stub_server_start (StubHandler handler, gpointer user_data)
{
  StubServer *s = g_new0 (StubServer, 1);

  s->handler = handler;
  s->user_data = user_data;
  s->context = g_main_context_new ();
  s->loop = g_main_loop_new (s->context, FALSE);
  s->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) seen_free);
  g_mutex_init (&s->lock);
  g_cond_init (&s->ready);
  g_mutex_lock (&s->lock);
  s->thread = g_thread_new ("stub-server", serve, s);
  while (s->url == NULL)
    g_cond_wait (&s->ready, &s->lock);
  g_mutex_unlock (&s->lock);
  return s;
}

static gboolean
quit_loop (gpointer loop)
{
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

void
stub_server_stop (StubServer *s)
{
  /* Quit from inside the server's own loop: quitting from here before the
   * thread reached g_main_loop_run() would leave it running for ever (a
   * test that sends no request stops the server at once). */
  GSource *quit = g_idle_source_new ();

  g_source_set_callback (quit, quit_loop, s->loop, NULL);
  g_source_attach (quit, s->context);
  g_source_unref (quit);
  g_thread_join (s->thread);
  g_main_loop_unref (s->loop);
  g_main_context_unref (s->context);
  g_hash_table_unref (s->seen);
  g_mutex_clear (&s->lock);
  g_cond_clear (&s->ready);
  g_free (s->url);
  g_free (s);
}

const char *
stub_server_url (StubServer *s)
{
  return s->url;
}

guint
stub_server_count (StubServer *s, const char *path)
{
  Seen *seen;
  guint n;

  g_mutex_lock (&s->lock);
  seen = g_hash_table_lookup (s->seen, path);
  n = seen ? seen->count : 0;
  g_mutex_unlock (&s->lock);
  return n;
}

json_object *
stub_server_body (StubServer *s, const char *path)
{
  Seen *seen;
  json_object *o = NULL;

  g_mutex_lock (&s->lock);
  seen = g_hash_table_lookup (s->seen, path);
  if (seen != NULL && seen->body != NULL)
    o = json_tokener_parse (seen->body);
  g_mutex_unlock (&s->lock);
  return o;
}

char *
stub_server_auth (StubServer *s, const char *path)
{
  Seen *seen;
  char *auth;

  g_mutex_lock (&s->lock);
  seen = g_hash_table_lookup (s->seen, path);
  auth = seen ? g_strdup (seen->auth) : NULL;
  g_mutex_unlock (&s->lock);
  return auth;
}

void
stub_reply (SoupServerMessage *msg, guint status, const char *content_type, const char *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, body, strlen (body));
}
