/* bs-signer.c — the BsSigner interface and certificate usability.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-signer.h"
#include "bs-error.h"

#include <glib/gi18n-lib.h>
#include <openssl/x509v3.h>

G_DEFINE_INTERFACE (BsSigner, bs_signer, G_TYPE_OBJECT)

static void
bs_signer_default_init (BsSignerInterface *iface)
{
}

X509 *
bs_signer_get_certificate (BsSigner *self)
{
  g_return_val_if_fail (BS_IS_SIGNER (self), NULL);
  return BS_SIGNER_GET_IFACE (self)->get_certificate (self);
}

STACK_OF (X509) *
bs_signer_get_chain (BsSigner *self)
{
  g_return_val_if_fail (BS_IS_SIGNER (self), NULL);
  return BS_SIGNER_GET_IFACE (self)->get_chain (self);
}

gboolean
bs_signer_sign_hashes (BsSigner *self, GPtrArray *hashes, GPtrArray **signatures,
                       GCancellable *cancellable, GError **error)
{
  g_return_val_if_fail (BS_IS_SIGNER (self), FALSE);
  g_return_val_if_fail (hashes != NULL && signatures != NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (!BS_SIGNER_GET_IFACE (self)->sign_hashes (self, hashes, signatures, cancellable, error))
    return FALSE;
  if ((*signatures)->len != hashes->len)
    {
      g_clear_pointer (signatures, g_ptr_array_unref);
      g_set_error_literal (error, BS_ERROR, BS_ERROR_CRYPTO,
                           _("The signer returned a different number of signatures than requested"));
      return FALSE;
    }
  return TRUE;
}

char *
bs_certificate_dup_common_name (X509 *cert)
{
  X509_NAME *subject = X509_get_subject_name (cert);
  int i = X509_NAME_get_index_by_NID (subject, NID_commonName, -1);
  unsigned char *utf8 = NULL;
  char *name;

  if (i < 0 || ASN1_STRING_to_UTF8 (&utf8, X509_NAME_ENTRY_get_data (X509_NAME_get_entry (subject, i))) < 0)
    {
      char *oneline = X509_NAME_oneline (subject, NULL, 0);
      name = g_strdup (oneline);
      OPENSSL_free (oneline);
      return name;
    }
  name = g_strdup ((const char *) utf8);
  OPENSSL_free (utf8);
  return name;
}

char *
bs_signer_dup_name (BsSigner *self)
{
  return bs_certificate_dup_common_name (bs_signer_get_certificate (self));
}

gboolean
bs_certificate_check_usable (X509 *cert, GError **error)
{
  uint32_t usage;

  if (X509_cmp_current_time (X509_get0_notAfter (cert)) < 0)
    {
      g_set_error_literal (error, BS_ERROR, BS_ERROR_CERTIFICATE,
                           _("The signing certificate has expired"));
      return FALSE;
    }
  if (X509_cmp_current_time (X509_get0_notBefore (cert)) > 0)
    {
      g_set_error_literal (error, BS_ERROR, BS_ERROR_CERTIFICATE,
                           _("The signing certificate is not valid yet"));
      return FALSE;
    }
  usage = X509_get_key_usage (cert);   /* all bits set when absent */
  if ((usage & (KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION)) == 0)
    {
      g_set_error_literal (error, BS_ERROR, BS_ERROR_CERTIFICATE,
                           _("The certificate may not be used for signatures (key usage)"));
      return FALSE;
    }
  return TRUE;
}
