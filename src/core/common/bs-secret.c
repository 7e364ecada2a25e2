/* bs-secret.c — wiped-on-free secret strings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-secret.h"
#include "bs-error.h"
#include "bs-platform.h"

#include <glib/gi18n-lib.h>
#include <openssl/crypto.h>
#include <string.h>

struct _BsSecret {
  char  *data;
  gsize  len;
};

BsSecret *
bs_secret_new (const char *data, gsize len)
{
  BsSecret *secret = g_new0 (BsSecret, 1);

  secret->data = g_malloc (len + 1);
  memcpy (secret->data, data, len);
  secret->data[len] = '\0';
  secret->len = len;
  return secret;
}

static gsize
first_line_length (const char *data, gsize len)
{
  gsize i;

  for (i = 0; i < len; i++)
    if (data[i] == '\n' || data[i] == '\r')
      break;
  return i;
}

BsSecret *
bs_secret_new_from_file (const char *path, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  char *contents = NULL;
  gsize len = 0;
  BsSecret *secret;

  if (!g_file_get_contents (path, &contents, &len, &local_error))
    {
      g_set_error (error, BS_ERROR, BS_ERROR_IO,
                   _("Cannot read the secret file: %s"), local_error->message);
      return NULL;
    }
  secret = bs_secret_new (contents, first_line_length (contents, len));
  bs_wipe_free (contents, len);
  return secret;
}

BsSecret *
bs_secret_new_from_tty (const char *prompt, GError **error)
{
  char buf[1024];
  gsize len;
  BsSecret *secret;

  if (!bs_platform_read_password (prompt, buf, sizeof buf, error))
    return NULL;
  len = strlen (buf);
  secret = bs_secret_new (buf, first_line_length (buf, len));
  OPENSSL_cleanse (buf, sizeof buf);
  return secret;
}

BsSecret *
bs_secret_new_from_stream (FILE *stream, GError **error)
{
  char buf[1024];
  BsSecret *secret = NULL;

  if (fgets (buf, sizeof buf, stream) != NULL)
    secret = bs_secret_new (buf, first_line_length (buf, strlen (buf)));
  else
    g_set_error_literal (error, BS_ERROR, BS_ERROR_IO, _("Nothing to read on standard input"));
  OPENSSL_cleanse (buf, sizeof buf);
  return secret;
}

const char *
bs_secret_get (const BsSecret *secret)
{
  g_return_val_if_fail (secret != NULL, NULL);
  return secret->data;
}

gsize
bs_secret_get_length (const BsSecret *secret)
{
  g_return_val_if_fail (secret != NULL, 0);
  return secret->len;
}

void
bs_wipe_free (gpointer data, gsize len)
{
  if (data == NULL)
    return;
  OPENSSL_cleanse (data, len);
  g_free (data);
}

void
bs_secret_free (BsSecret *secret)
{
  if (secret == NULL)
    return;
  bs_wipe_free (secret->data, secret->len + 1);
  g_free (secret);
}
