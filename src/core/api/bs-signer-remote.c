/* bs-signer-remote.c — see bs-signer-remote.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-signer-remote.h"

#include <glib/gi18n-lib.h>

struct _BsSignerRemote {
  GObject parent_instance;

  BsBsreSession   *session;      /* borrowed */
  BsSecret        *passphrase;   /* one of the two */
  BsSecret        *otp;
  gboolean         otp_spent;
  X509            *cert;
  STACK_OF (X509) *chain;        /* signer first */
};

static void bs_signer_remote_iface_init (BsSignerInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BsSignerRemote, bs_signer_remote, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (BS_TYPE_SIGNER, bs_signer_remote_iface_init))

static void
bs_signer_remote_finalize (GObject *object)
{
  BsSignerRemote *self = BS_SIGNER_REMOTE (object);

  g_clear_pointer (&self->passphrase, bs_secret_free);
  g_clear_pointer (&self->otp, bs_secret_free);
  X509_free (self->cert);
  sk_X509_pop_free (self->chain, X509_free);
  G_OBJECT_CLASS (bs_signer_remote_parent_class)->finalize (object);
}

static void
bs_signer_remote_class_init (BsSignerRemoteClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bs_signer_remote_finalize;
}

static void
bs_signer_remote_init (BsSignerRemote *self)
{
}

static X509 *
get_certificate (BsSigner *signer)
{
  return BS_SIGNER_REMOTE (signer)->cert;
}

static STACK_OF (X509) *
get_chain (BsSigner *signer)
{
  return BS_SIGNER_REMOTE (signer)->chain;
}

static X509 *
x509_from (GBytes *der)
{
  const guint8 *p = g_bytes_get_data (der, NULL);

  return d2i_X509 (NULL, &p, (long) g_bytes_get_size (der));
}

/* The service must answer with the certificate this signer announced. */
static gboolean
same_signer (BsSignerRemote *self, GPtrArray *chain, GError **error)
{
  X509 *returned = chain->len ? x509_from (g_ptr_array_index (chain, 0)) : NULL;
  gboolean same = returned != NULL && X509_cmp (returned, self->cert) == 0;

  X509_free (returned);
  if (!same)
    g_set_error_literal (error, BS_BSRE_ERROR, BS_BSRE_ERROR_UNEXPECTED_ANSWER,
                         _("The service signed with another certificate than the account's"));
  return same;
}

static gboolean
sign_hashes (BsSigner *signer, GPtrArray *hashes, GPtrArray **signatures, GCancellable *cancellable, GError **error)
{
  BsSignerRemote *self = BS_SIGNER_REMOTE (signer);
  BsBsreSigningAuth auth = { self->passphrase, self->otp };
  g_autoptr(BsBsreSignedHashes) answer = NULL;

  if (self->otp != NULL && self->otp_spent)
    {
      g_set_error_literal (error, BS_BSRE_ERROR, BS_BSRE_ERROR_INVALID_OTP,
                           _("An e-mailed code signs at most 100 documents at once: request a new code for the rest"));
      return FALSE;
    }
  self->otp_spent = self->otp != NULL;
  answer = bs_bsre_sign_hashes (self->session, &auth, hashes, cancellable, error);
  if (answer == NULL || !same_signer (self, answer->chain, error))
    return FALSE;
  *signatures = g_steal_pointer (&answer->signatures);
  return TRUE;
}

static void
bs_signer_remote_iface_init (BsSignerInterface *iface)
{
  iface->get_certificate = get_certificate;
  iface->get_chain = get_chain;
  iface->sign_hashes = sign_hashes;
}

static STACK_OF (X509) *
chain_from (GPtrArray *ders, GError **error)
{
  STACK_OF (X509) *chain = sk_X509_new_null ();

  for (guint i = 0; i < ders->len; i++)
    {
      X509 *cert = x509_from (g_ptr_array_index (ders, i));
      if (cert == NULL)
        {
          sk_X509_pop_free (chain, X509_free);
          g_set_error_literal (error, BS_BSRE_ERROR, BS_BSRE_ERROR_UNEXPECTED_ANSWER,
                               _("The service gave an unexpected answer: a certificate cannot be read"));
          return NULL;
        }
      sk_X509_push (chain, cert);
    }
  return chain;
}

BsSigner *
bs_signer_remote_new (BsBsreSession *session, const char *who, const BsBsreSigningAuth *auth,
                      GCancellable *cancellable, GError **error)
{
  g_autoptr(GPtrArray) ders = bs_bsre_certificate_chain (session, who, cancellable, error);
  g_autoptr(BsSignerRemote) self = NULL;

  g_return_val_if_fail ((auth->passphrase == NULL) != (auth->otp == NULL), NULL);
  if (ders == NULL)
    return NULL;
  self = g_object_new (BS_TYPE_SIGNER_REMOTE, NULL);
  self->session = session;
  self->chain = chain_from (ders, error);
  if (self->chain == NULL)
    return NULL;
  self->cert = sk_X509_value (self->chain, 0);
  X509_up_ref (self->cert);
  if (!bs_certificate_check_usable (self->cert, error))
    return NULL;
  if (auth->passphrase)
    self->passphrase = bs_secret_new (bs_secret_get (auth->passphrase), bs_secret_get_length (auth->passphrase));
  else
    self->otp = bs_secret_new (bs_secret_get (auth->otp), bs_secret_get_length (auth->otp));
  return BS_SIGNER (g_steal_pointer (&self));
}
