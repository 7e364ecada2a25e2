/* ds-main.c — besign-devserver: a local BSrE service for development,
 * demos and tests (shared api/bsre-api.md).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-devserver"

#include "ds-demo.h"
#include "ds-server.h"
#include "bs-platform.h"

#ifdef G_OS_UNIX
#include <glib-unix.h>
#endif
#include <liboath/oath.h>
#include <locale.h>
#include <stdio.h>

typedef struct {
  char     *data_dir;
  int       port;
  char     *listen;
  gboolean  tls;
  gboolean  demo;
} Args;

static gboolean
on_signal (gpointer loop)
{
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

static gboolean
parse_args (int *argc, char ***argv, Args *a, GError **error)
{
  const GOptionEntry entries[] = {
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &a->data_dir, "Folder for all state (SQLite, CA, outbox)", "DIR" },
    { "port", 0, 0, G_OPTION_ARG_INT, &a->port, "Port (default 0: any free port)", "N" },
    { "listen", 0, 0, G_OPTION_ARG_STRING, &a->listen, "Loopback address to listen on (default 127.0.0.1)", "ADDR" },
    { "tls", 0, 0, G_OPTION_ARG_NONE, &a->tls, "Serve HTTPS with a certificate made for 127.0.0.1 and localhost", NULL },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &a->demo, "Seed a demo account, write DIR/demo-account.json, print TOTP codes", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— a local BSrE service for development");

  g_option_context_set_summary (context,
    "Implements the BSrE contract (login, TOTP, hash and PDF signing, verification, certificate\n"
    "management) with a real development CA, RFC 3161 TSA (/tsa), OCSP (/ocsp) and CRLs (/crl/…).\n"
    "Prints its base URL as the first line. Listens on loopback only. E-mails go to DIR/outbox/.\n"
    "Esign v2 endpoints (status, chain, sign/get/totp, sign/pdf, verify/pdf, seal/*, registration)\n"
    "take the integration's HTTP Basic credentials (in DIR/demo-account.json with --demo);\n"
    "sign/pdf places originX/originY as the manual v2 says (top-left, page as displayed, points)\n"
    "or at a tag_koordinat marker. Shapes: docs/devserver-esign.md.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;
  if (a->listen == NULL)
    a->listen = g_strdup ("127.0.0.1");
  if (a->data_dir == NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, "--data-dir is required");
      return FALSE;
    }
  /* Checked before anything is created on disk. */
  if (!ds_server_address_is_loopback (a->listen))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "Refusing to listen on %s: the development server listens on loopback only", a->listen);
      return FALSE;
    }
  return TRUE;
}

/* The port the data folder's CA was made on: its certificates' AIA and
 * CRL URLs name it, so a restart should come back there. */
static guint
remembered_port (DsServer *server)
{
  g_autofree char *url = ds_db_kv_get (server->db, "base-url");
  g_autoptr(GUri) uri = url ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;

  return uri && g_uri_get_port (uri) > 0 ? (guint) g_uri_get_port (uri) : 0;
}

static gboolean
listen_on (DsServer *server, Args *a, GError **error)
{
  guint port = a->port > 0 ? (guint) a->port : remembered_port (server);
  g_autoptr(GError) busy = NULL;

  if (port == 0 || a->port > 0)
    return ds_server_listen (server, a->listen, port, a->tls, error);
  if (ds_server_listen (server, a->listen, port, a->tls, &busy))
    return TRUE;
  fprintf (stderr, "besign-devserver: port %u is taken (%s); listening elsewhere: certificates issued "
                   "earlier name port %u in their OCSP and CRL addresses\n", port, busy->message, port);
  ds_server_reset_listener (server);
  return ds_server_listen (server, a->listen, 0, a->tls, error);
}

static int
fail (Args *a, DsServer *server, GError *error, int status)
{
  fprintf (stderr, "besign-devserver: %s\n", error->message);
  ds_server_free (server);
  g_free (a->data_dir);
  g_free (a->listen);
  return status;
}

int
main (int argc, char **argv)
{
  Args a = { NULL, 0, NULL, FALSE, FALSE };
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  DsServer *server;

  setlocale (LC_ALL, "");
  bs_platform_init_process ();
  if (!parse_args (&argc, &argv, &a, &error))
    return fail (&a, NULL, error, 2);
  oath_init ();
  server = ds_server_new (a.data_dir, &error);
  if (server == NULL || !listen_on (server, &a, &error) || !ds_demo_write_trust (server, &error))
    return fail (&a, server, error, 2);
  printf ("%s\n", server->base_url);
  fflush (stdout);
  if (a.demo && !ds_demo_prepare (server, &error))
    return fail (&a, server, error, 1);
  loop = g_main_loop_new (NULL, FALSE);
  if (a.demo)
    ds_demo_start_totp_banner (server);
#ifdef G_OS_UNIX
  g_unix_signal_add (SIGTERM, on_signal, loop);
  g_unix_signal_add (SIGINT, on_signal, loop);
#endif
  g_main_loop_run (loop);
  /* Closing SQLite checkpoints the WAL: committed state is on disk. */
  ds_server_free (server);
  oath_done ();
  g_free (a.data_dir);
  g_free (a.listen);
  return 0;
}
