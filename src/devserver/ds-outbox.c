/* ds-outbox.c — writing e-mails as .eml files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-devserver"

#include "ds-outbox.h"

#include <glib/gstdio.h>
#include <string.h>

gboolean
ds_outbox_send (DsServer *server, const char *to, const char *subject, const char *body)
{
  g_autofree char *dir = g_build_filename (server->data_dir, "outbox", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *date = g_date_time_format (now, "%a, %d %b %Y %H:%M:%S +0000");
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%S.%f");
  g_autofree char *name = g_strdup_printf ("%s-%08x.eml", stamp, g_random_int ());
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *tmp = g_strconcat (path, ".part", NULL);
  g_autofree char *mail = g_strdup_printf ("From: BSrE (DEV) <noreply@besign-devserver.invalid>\r\n"
                                           "To: <%s>\r\nSubject: %s\r\nDate: %s\r\n"
                                           "Message-ID: <%s@besign-devserver.invalid>\r\n"
                                           "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
                                           "Content-Transfer-Encoding: 8bit\r\n\r\n%s\r\n",
                                           to, subject, date, name, body);

  g_mkdir_with_parents (dir, 0700);
  /* Written whole then renamed, so a reader never sees half a mail. */
  return g_file_set_contents_full (tmp, mail, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, NULL)
         && g_rename (tmp, path) == 0;
}

char *
ds_outbox_mask (const char *email)
{
  const char *at = strchr (email, '@');

  if (at == NULL || at == email)
    return g_strdup ("***");
  return g_strdup_printf ("%c***%s", email[0], at);
}
