/* bs-bsre-signer-id.c — see bs-bsre-signer-id.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-bsre-signer-id.h"
#include "bs-bsre-signing.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* The NIK (Nomor Induk Kependudukan) has 16 digits. */
#define NIK_DIGITS 16

const char *
bs_bsre_user_signer_id (const BsBsreUser *user)
{
  g_return_val_if_fail (user != NULL, NULL);
  return user->nik != NULL && *user->nik != '\0' ? user->nik : user->email;
}

const char *
bs_bsre_signer_id_field (const char *signer_id)
{
  return strchr (signer_id, '@') != NULL ? "email" : "nik";
}

static gboolean
is_nik (const char *text)
{
  gsize n = 0;

  for (const char *p = text; *p; p++, n++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return n == NIK_DIGITS;
}

static gboolean
is_email (const char *text)
{
  const char *at = strchr (text, '@');

  return at != NULL && at != text && at[1] != '\0' && strchr (at + 1, '@') == NULL
         && strpbrk (text, " \t\r\n") == NULL;
}

gboolean
bs_bsre_signer_id_check (const char *signer_id, GError **error)
{
  if (signer_id != NULL && (is_nik (signer_id) || is_email (signer_id)))
    return TRUE;
  g_set_error (error, BS_BSRE_ERROR, BS_BSRE_ERROR_BAD_REQUEST,
               _("“%s” is neither a NIK (16 digits) nor an e-mail address"), signer_id ? signer_id : "");
  return FALSE;
}

BsBsreUser *
bs_bsre_esign_identify (BsBsreSession *session, const char *nik_or_email, GCancellable *cancellable,
                        GError **error)
{
  g_autoptr(BsBsreStatus) status = NULL;
  BsBsreUser *user;

  if (!bs_bsre_signer_id_check (nik_or_email, error))
    return NULL;
  status = bs_bsre_check_status (session, nik_or_email, cancellable, error);
  if (status == NULL)
    return NULL;
  if (g_str_equal (status->status, "NOT_REGISTERED"))
    {
      g_set_error_literal (error, BS_BSRE_ERROR, BS_BSRE_ERROR_NOT_FOUND,
                           _("The signer is not registered with BSrE: check the NIK or e-mail"));
      return NULL;
    }
  user = g_new0 (BsBsreUser, 1);
  if (g_str_equal (bs_bsre_signer_id_field (nik_or_email), "email"))
    user->email = g_strdup (nik_or_email);
  else
    user->nik = g_strdup (nik_or_email);
  user->certificate_status = g_strdup (status->status);
  return user;
}
