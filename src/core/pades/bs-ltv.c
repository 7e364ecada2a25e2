/* bs-ltv.c — see bs-ltv.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-ltv.h"
#include "bs-error.h"
#include "bs-output.h"
#include "bs-pdf-object.h"
#include "bs-pdf-revisions.h"
#include "bs-pdf-update.h"
#include "bs-platform.h"
#include "bs-revocation.h"
#include "bs-sign.h"
#include "bs-sign-files.h"
#include "bs-signature-fields.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509v3.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

/* What goes into the DSS. */
typedef struct {
  STACK_OF (X509) *certs;      /* every certificate met, once */
  GPtrArray       *vri_keys;   /* uppercase hex SHA-1 of each signature's /Contents */
  BsValidationData *revocation;
} Collected;

static void
collected_clear (Collected *c)
{
  sk_X509_pop_free (c->certs, X509_free);
  g_clear_pointer (&c->vri_keys, g_ptr_array_unref);
  g_clear_pointer (&c->revocation, bs_validation_data_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Collected, collected_clear)

static void
add_cert (Collected *c, X509 *cert)
{
  for (int i = 0; i < sk_X509_num (c->certs); i++)
    if (X509_cmp (sk_X509_value (c->certs, i), cert) == 0)
      return;
  X509_up_ref (cert);
  sk_X509_push (c->certs, cert);
}

static CMS_ContentInfo *
parse_cms (const guint8 *der, gsize len)
{
  const unsigned char *p = der;
  /* /Contents is zero-padded: d2i reads the structure and stops. */
  CMS_ContentInfo *cms = d2i_CMS_ContentInfo (NULL, &p, (long) len);

  ERR_clear_error ();
  return cms;
}

static void
add_cms_certs (Collected *c, CMS_ContentInfo *cms)
{
  STACK_OF (X509) *certs = CMS_get1_certs (cms);

  for (int i = 0; i < sk_X509_num (certs); i++)
    add_cert (c, sk_X509_value (certs, i));
  sk_X509_pop_free (certs, X509_free);
}

/* The certificates of the signature-time-stamp tokens of @cms. */
static void
add_timestamp_certs (Collected *c, CMS_ContentInfo *cms)
{
  STACK_OF (CMS_SignerInfo) *infos = CMS_get0_SignerInfos (cms);

  for (int i = 0; i < sk_CMS_SignerInfo_num (infos); i++)
    {
      CMS_SignerInfo *si = sk_CMS_SignerInfo_value (infos, i);
      int at = CMS_unsigned_get_attr_by_NID (si, NID_id_smime_aa_timeStampToken, -1);
      X509_ATTRIBUTE *attr = at >= 0 ? CMS_unsigned_get_attr (si, at) : NULL;
      ASN1_TYPE *value = attr ? X509_ATTRIBUTE_get0_type (attr, 0) : NULL;
      CMS_ContentInfo *token;

      if (value == NULL || value->type != V_ASN1_SEQUENCE)
        continue;
      token = parse_cms (value->value.sequence->data, (gsize) value->value.sequence->length);
      if (token != NULL)
        add_cms_certs (c, token);
      CMS_ContentInfo_free (token);
    }
}

/* ETSI EN 319 142-1 5.4.2.2: the VRI key is the SHA-1 of the signature. */
static char *
vri_key (GBytes *contents)
{
  guint8 md[20];
  GString *hex = g_string_new (NULL);

  EVP_Digest (g_bytes_get_data (contents, NULL), g_bytes_get_size (contents), md, NULL, EVP_sha1 (), NULL);
  for (gsize i = 0; i < sizeof md; i++)
    g_string_append_printf (hex, "%02X", md[i]);
  return g_string_free (hex, FALSE);
}

static gboolean
collect (BsPdfDocument *doc, Collected *c, GError **error)
{
  g_autoptr(GPtrArray) fields = bs_sig_fields_collect (doc);

  for (guint i = 0; i < fields->len; i++)
    {
      BsSigField *f = g_ptr_array_index (fields, i);
      CMS_ContentInfo *cms;

      if (!f->has_value || f->contents == NULL)
        continue;
      cms = parse_cms (g_bytes_get_data (f->contents, NULL), g_bytes_get_size (f->contents));
      if (cms == NULL)
        continue;
      add_cms_certs (c, cms);
      add_timestamp_certs (c, cms);
      CMS_ContentInfo_free (cms);
      g_ptr_array_add (c->vri_keys, vri_key (f->contents));
    }
  if (c->vri_keys->len == 0)
    {
      g_set_error_literal (error, BS_ERROR, BS_ERROR_INVALID_ARGUMENT, _("The document has no signature"));
      return FALSE;
    }
  return TRUE;
}

static X509 *
issuer_of (Collected *c, X509 *cert)
{
  for (int i = 0; i < sk_X509_num (c->certs); i++)
    {
      X509 *candidate = sk_X509_value (c->certs, i);
      if (candidate != cert && X509_check_issued (candidate, cert) == X509_V_OK)
        return candidate;
    }
  return NULL;
}

/* A fresh OCSP response, else a CRL, for every certificate but the roots. */
static gboolean
fetch_revocation (Collected *c, GCancellable *cancellable, GError **error)
{
  for (int i = 0; i < sk_X509_num (c->certs); i++)
    {
      X509 *cert = sk_X509_value (c->certs, i);
      X509 *issuer = issuer_of (c, cert);
      char cn[256] = "?";

      if (X509_check_issued (cert, cert) == X509_V_OK)
        continue;
      if (issuer != NULL && bs_revocation_fetch (c->revocation, cert, issuer, NULL, cancellable))
        continue;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      X509_NAME_get_text_by_NID (X509_get_subject_name (cert), NID_commonName, cn, sizeof cn);
      g_set_error (error, BS_ERROR, BS_ERROR_CERTIFICATE,
                   issuer ? _("No OCSP response or CRL could be fetched for “%s”")
                          : _("The issuer of “%s” is not in the document"), cn);
      return FALSE;
    }
  return TRUE;
}

/* ---- writing the DSS ------------------------------------------------------ */

typedef struct {
  BsPdfUpdate *update;
  guint        next;       /* next free object number */
} Writer;

static GString *
add_streams (Writer *w, GPtrArray *ders)
{
  GString *refs = g_string_new (NULL);

  for (guint i = 0; i < ders->len; i++)
    {
      GBytes *der = g_ptr_array_index (ders, i);
      bs_pdf_update_add_stream (w->update, w->next, "", g_bytes_get_data (der, NULL), g_bytes_get_size (der));
      g_string_append_printf (refs, " %u 0 R", w->next++);
    }
  return refs;
}

static GPtrArray *
certificate_ders (STACK_OF (X509) *certs)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  for (int i = 0; i < sk_X509_num (certs); i++)
    {
      unsigned char *der = NULL;
      int len = i2d_X509 (sk_X509_value (certs, i), &der);
      if (len > 0)
        g_ptr_array_add (out, g_bytes_new (der, (gsize) len));
      OPENSSL_free (der);
    }
  return out;
}

/* The references an existing DSS array already holds, kept as they are. */
static char *
existing_refs (BsPdfDocument *doc, BsPdfObj dss, const char *key)
{
  BsPdfObj array = bs_pdf_obj_get (doc, dss, key);
  GString *refs = g_string_new (NULL);

  for (int i = 0; i < bs_pdf_obj_len (doc, array); i++)
    {
      g_autofree char *ref = bs_pdf_obj_dup_ref_text (doc, bs_pdf_obj_at (doc, array, i));
      if (ref != NULL)
        g_string_append_printf (refs, " %s", ref);
    }
  return g_string_free (refs, FALSE);
}

static char *
vri_entries (Collected *c, const char *certs, const char *ocsps, const char *crls)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < c->vri_keys->len; i++)
    g_string_append_printf (s, " /%s << /Cert [%s ] /OCSP [%s ] /CRL [%s ] >>",
                            (char *) g_ptr_array_index (c->vri_keys, i), certs, ocsps, crls);
  return g_string_free (s, FALSE);
}

/* The DER objects the DSS holds, one stream each. */
typedef struct {
  GPtrArray *certs, *ocsps, *crls;
} Ders;

static void
ders_clear (Ders *d)
{
  g_clear_pointer (&d->certs, g_ptr_array_unref);
  g_clear_pointer (&d->ocsps, g_ptr_array_unref);
  g_clear_pointer (&d->crls, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Ders, ders_clear)

static char *
dss_dictionary (BsPdfDocument *doc, Collected *c, const Ders *d, Writer *w)
{
  BsPdfObj dss = bs_pdf_obj_get (doc, bs_pdf_root (doc), "/DSS");
  g_autoptr(GString) certs = add_streams (w, d->certs);
  g_autoptr(GString) ocsps = add_streams (w, d->ocsps);
  g_autoptr(GString) crls = add_streams (w, d->crls);
  g_autofree char *old_certs = existing_refs (doc, dss, "/Certs");
  g_autofree char *old_ocsps = existing_refs (doc, dss, "/OCSPs");
  g_autofree char *old_crls = existing_refs (doc, dss, "/CRLs");
  g_autofree char *vri = vri_entries (c, certs->str, ocsps->str, crls->str);
  BsPdfObj old_vri = bs_pdf_obj_get (doc, dss, "/VRI");
  g_autofree char *kept_vri = NULL;

  /* VRI entries of earlier signatures stay; ours are added. */
  if (bs_pdf_obj_type (doc, old_vri) == BS_PDF_DICT)
    {
      g_autofree char *text = bs_pdf_obj_dup_unparse (doc, old_vri);
      char *end = text ? g_strrstr (text, ">>") : NULL;
      if (end != NULL && g_str_has_prefix (text, "<<"))
        {
          *end = '\0';
          kept_vri = g_strdup (text + 2);
        }
    }
  return g_strdup_printf ("<< /Type /DSS /Certs [%s%s ] /OCSPs [%s%s ] /CRLs [%s%s ] /VRI <<%s%s >> >>",
                          old_certs, certs->str, old_ocsps, ocsps->str, old_crls, crls->str,
                          kept_vri ? kept_vri : "", vri);
}

static gboolean
parse_ref (const char *text, guint *num, guint *gen)
{
  return text != NULL && sscanf (text, "%u %u R", num, gen) == 2;
}

/* The update: the DSS (object *@dss_num), its streams, and the catalog
 * pointing at it. */
static GByteArray *
dss_update (BsPdfDocument *doc, Collected *c, guint64 size, const BsPdfRevision *last, guint *dss_num,
            GError **error)
{
  g_auto(BsPdfTrailer) trailer = { 0 };
  g_auto(Ders) d = { certificate_ders (c->certs), bs_validation_data_dup_der (c->revocation, TRUE),
                     bs_validation_data_dup_der (c->revocation, FALSE) };
  g_autofree char *dss = NULL;
  g_autofree char *entry = NULL;
  BsPdfObjectText *catalog;
  guint root_num = 0, root_gen = 0, first = 0;
  Writer w;

  /* The DSS, a stream per DER object and the xref stream. */
  if (!bs_pdf_document_new_object_numbers (doc, 2 + d.certs->len + d.ocsps->len + d.crls->len, &first, error)
      || !bs_pdf_document_get_trailer (doc, &trailer, error))
    return NULL;
  if (!parse_ref (trailer.root_ref, &root_num, &root_gen))
    {
      g_set_error_literal (error, BS_ERROR, BS_ERROR_DAMAGED, _("The PDF has no catalog"));
      return NULL;
    }
  w.update = bs_pdf_update_new (size, last, &trailer);
  w.next = first;
  *dss_num = w.next++;
  dss = dss_dictionary (doc, c, &d, &w);
  bs_pdf_update_add_object (w.update, *dss_num, 0, dss, strlen (dss));
  entry = g_strdup_printf (" /DSS %u 0 R", *dss_num);
  catalog = bs_pdf_document_rewrite_dict (doc, root_num, root_gen, "/DSS", entry);
  if (catalog == NULL)
    {
      bs_pdf_update_free (w.update);
      g_set_error_literal (error, BS_ERROR, BS_ERROR_DAMAGED, _("The PDF catalog cannot be updated"));
      return NULL;
    }
  bs_pdf_update_add_object (w.update, catalog->num, catalog->gen, catalog->body, strlen (catalog->body));
  bs_pdf_object_text_free (catalog);
  {
    GByteArray *bytes = bs_pdf_update_finish (w.update, w.next);
    bs_pdf_update_free (w.update);
    return bytes;
  }
}

/* ---- files ------------------------------------------------------------------ */

static char *
ltv_name (const char *input)
{
  g_autofree char *base = g_path_get_basename (input);
  char *dot = g_strrstr (base, ".");

  if (dot != NULL && g_ascii_strcasecmp (dot, ".pdf") == 0)
    *dot = '\0';
  return g_strconcat (base, "_ltv.pdf", NULL);
}

/* @input plus a DSS, in a new temporary of @dir (transfer full). */
static BsOutput *
write_with_dss (const char *input, const char *dir, GCancellable *cancellable, GError **error)
{
  g_autoptr(BsPdfDocument) doc = NULL;
  g_autoptr(GByteArray) update = NULL;
  g_autoptr(BsOutput) out = NULL;
  g_auto(Collected) c = { sk_X509_new_null (), g_ptr_array_new_with_free_func (g_free), bs_validation_data_new () };
  BsSignInput in = { .fd = -1 };
  BsPdfRevision last;
  guint dss_num = 0;
  gboolean ok;

  ok = bs_sign_input_open (&in, input, error)
       && (doc = bs_pdf_document_open_fd (in.fd, input, BS_PDF_OPEN_STRICT, error)) != NULL
       && collect (doc, &c, error) && fetch_revocation (&c, cancellable, error)
       && bs_pdf_revisions_last (in.fd, in.stamp.size, &last, error)
       && (update = dss_update (doc, &c, in.stamp.size, &last, &dss_num, error)) != NULL
       && (out = bs_output_new (dir, error)) != NULL
       && bs_sign_copy_bytes (in.fd, in.stamp.size, out, NULL, cancellable, error)
       && bs_output_write (out, update->data, update->len, error)
       && bs_sign_input_unchanged (&in, error);
  bs_sign_input_clear (&in);
  g_clear_pointer (&doc, bs_pdf_document_free);
  if (!ok || !bs_sign_check_output (out, dss_num, "/VRI", error))
    return NULL;
  return g_steal_pointer (&out);
}

BsOutput *
bs_ltv_extend_output (const char *input, const char *tsa_url, const char *output_dir, GCancellable *cancellable,
                      GError **error)
{
  g_autoptr(BsOutput) with_dss = write_with_dss (input, output_dir, cancellable, error);

  if (with_dss == NULL || tsa_url == NULL)
    return g_steal_pointer (&with_dss);
  /* B-LTA: a document time-stamp over the document and its DSS. */
  return bs_sign_document_timestamp_output (bs_output_get_path (with_dss), tsa_url, output_dir, cancellable, error);
}

char *
bs_ltv_extend (const char *input, const BsLtvOptions *o, GCancellable *cancellable, GError **error)
{
  g_autofree char *name = o->output_name ? g_strdup (o->output_name) : ltv_name (input);
  BsOutput *out = bs_ltv_extend_output (input, o->tsa_url, o->output_dir, cancellable, error);

  return out != NULL ? bs_output_commit (out, name, error) : NULL;
}
