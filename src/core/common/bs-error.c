/* bs-error.c — BS_ERROR domain and OpenSSL error capture.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-error.h"

#include <openssl/err.h>

G_DEFINE_QUARK (besign-error-quark, bs_error)

void
bs_set_openssl_error (GError **error, BsError code, const char *what)
{
  unsigned long e = ERR_get_error ();
  char buf[256];

  if (e == 0)
    {
      g_set_error_literal (error, BS_ERROR, code, what);
      return;
    }
  ERR_error_string_n (e, buf, sizeof buf);
  ERR_clear_error ();
  g_set_error (error, BS_ERROR, code, "%s (%s)", what, buf);
}
