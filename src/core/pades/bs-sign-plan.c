/* bs-sign-plan.c — composing the incremental update of a signature.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-sign-plan.h"
#include "bs-appearance.h"
#include "bs-error.h"
#include "bs-image.h"
#include "bs-pdf-empty-fields.h"
#include "bs-pdf-geometry.h"
#include "bs-pdf-update.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

/* "/ByteRange [0 a b c]" is written with room for four ten-digit numbers
 * and patched in place once the offsets are known. */
#define BYTE_RANGE_WIDTH 48

typedef struct {
  guint sig, widget, form, image, smask, xref;
} ObjectNumbers;

char *
bs_pdf_text_string (const char *utf8)
{
  GString *s;
  g_autofree gunichar2 *utf16 = NULL;
  glong n = 0;
  gboolean ascii = TRUE;

  for (const guchar *p = (const guchar *) utf8; *p; p++)
    ascii = ascii && *p >= 0x20 && *p < 0x7f;
  if (ascii)
    {
      s = g_string_new ("(");
      for (const char *p = utf8; *p; p++)
        {
          if (*p == '(' || *p == ')' || *p == '\\')
            g_string_append_c (s, '\\');
          g_string_append_c (s, *p);
        }
      g_string_append_c (s, ')');
      return g_string_free (s, FALSE);
    }
  utf16 = g_utf8_to_utf16 (utf8, -1, NULL, &n, NULL);
  s = g_string_new ("<FEFF");
  for (glong i = 0; utf16 != NULL && i < n; i++)
    g_string_append_printf (s, "%04X", utf16[i]);
  g_string_append_c (s, '>');
  return g_string_free (s, FALSE);
}

static char *
pdf_date_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  gint64 offset_min = g_date_time_get_utc_offset (now) / G_TIME_SPAN_MINUTE;
  char sign = offset_min < 0 ? '-' : '+';
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d%H%M%S");

  offset_min = ABS (offset_min);
  return g_strdup_printf ("(D:%s%c%02d'%02d')", stamp, sign, (int) (offset_min / 60),
                          (int) (offset_min % 60));
}

static void
append_text_entry (GString *s, const char *key, const char *value)
{
  g_autofree char *text = NULL;

  if (value == NULL || *value == '\0')
    return;
  text = bs_pdf_text_string (value);
  g_string_append_printf (s, " %s %s", key, text);
}

/* Returns the body and where in it the ByteRange and Contents are. */
static char *
signature_dictionary (const BsSignOptions *o, const char *signer_name, gsize hex_len,
                      gsize *byte_range_at, gsize *contents_at)
{
  GString *s = g_string_new (o->doc_timestamp ? "<< /Type /DocTimeStamp /Filter /Adobe.PPKLite /SubFilter /ETSI.RFC3161"
                                              : "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached");
  g_autofree char *date = pdf_date_now ();

  g_string_append (s, "\n/ByteRange ");
  *byte_range_at = s->len;
  for (int i = 0; i < BYTE_RANGE_WIDTH; i++)
    g_string_append_c (s, ' ');
  g_string_append (s, "\n/Contents ");
  *contents_at = s->len;
  g_string_append_c (s, '<');
  for (gsize i = 0; i < hex_len; i++)
    g_string_append_c (s, '0');
  g_string_append_c (s, '>');
  /* A document time-stamp's time is the token's own. */
  if (!o->doc_timestamp)
    g_string_append_printf (s, "\n/M %s", date);
  /* ISO 32000-1 12.8.2.2 and Table 253/254. */
  if (o->certify > 0)
    g_string_append_printf (s, "\n/Reference [<< /Type /SigRef /TransformMethod /DocMDP"
                               " /TransformParams << /Type /TransformParams /P %d /V /1.2 >> >>]",
                            o->certify);
  append_text_entry (s, "/Name", signer_name);
  append_text_entry (s, "/Reason", o->reason);
  append_text_entry (s, "/Location", o->location);
  append_text_entry (s, "/ContactInfo", o->contact);
  g_string_append (s, " >>");
  return g_string_free (s, FALSE);
}

static char *
unique_field_name (BsPdfDocument *doc)
{
  g_auto(GStrv) names = bs_pdf_document_dup_field_names (doc);

  for (guint i = 1;; i++)
    {
      g_autofree char *name = g_strdup_printf ("Signature%u", i);
      if (!g_strv_contains ((const char * const *) names, name))
        return g_steal_pointer (&name);
    }
}

static char *
number_text (double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.3f", v));
}

static char *
rect_text (const BsPdfBox *b)
{
  g_autofree char *x0 = number_text (b->x0);
  g_autofree char *y0 = number_text (b->y0);
  g_autofree char *x1 = number_text (b->x1);
  g_autofree char *y1 = number_text (b->y1);

  return g_strdup_printf ("[%s %s %s %s]", x0, y0, x1, y1);
}

static char **
appearance_lines (const BsSignOptions *o, const char *signer_name)
{
  GPtrArray *lines = g_ptr_array_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d %H:%M:%S %:z");

  g_ptr_array_add (lines, g_strdup_printf (_("Digitally signed by %s"), signer_name));
  g_ptr_array_add (lines, g_strdup_printf (_("Date: %s"), date));
  if (o->reason != NULL && *o->reason != '\0')
    g_ptr_array_add (lines, g_strdup_printf (_("Reason: %s"), o->reason));
  if (o->location != NULL && *o->location != '\0')
    g_ptr_array_add (lines, g_strdup_printf (_("Location: %s"), o->location));
  g_ptr_array_add (lines, NULL);
  return (char **) g_ptr_array_free (lines, FALSE);
}

static void
add_image (BsPdfUpdate *u, const BsImage *img, const ObjectNumbers *n)
{
  g_autofree char *dict = NULL;
  g_autofree char *smask = img->smask ? g_strdup_printf (" /SMask %u 0 R", n->smask) : g_strdup ("");
  const char *decode = img->adobe_cmyk ? " /Decode [1 0 1 0 1 0 1 0]" : "";
  gsize len;
  const void *data = g_bytes_get_data (img->data, &len);

  dict = g_strdup_printf (" /Type /XObject /Subtype /Image /Width %u /Height %u"
                          " /ColorSpace %s /BitsPerComponent 8 /Filter %s%s%s",
                          img->width, img->height, img->color_space, img->filter, decode, smask);
  bs_pdf_update_add_stream (u, n->image, dict, data, len);
  if (img->smask != NULL)
    {
      g_autofree char *mdict = g_strdup_printf (" /Type /XObject /Subtype /Image /Width %u"
                                                " /Height %u /ColorSpace /DeviceGray"
                                                " /BitsPerComponent 8 /Filter /FlateDecode",
                                                img->width, img->height);
      data = g_bytes_get_data (img->smask, &len);
      bs_pdf_update_add_stream (u, n->smask, mdict, data, len);
    }
}

static gboolean
add_visible_form (BsPdfUpdate *u, const BsPdfPage *page, const BsSignOptions *o,
                  const char *signer_name, const ObjectNumbers *n, GError **error)
{
  g_autoptr(BsImage) image = NULL;
  g_auto(GStrv) lines = appearance_lines (o, signer_name);
  g_autofree char *image_ref = g_strdup_printf ("%u 0 R", n->image);
  g_autofree char *resources = NULL;
  g_autofree char *dict = NULL;
  g_autofree char *w = number_text (o->rect.width);
  g_autofree char *h = number_text (o->rect.height);
  g_autoptr(GBytes) content = NULL;
  double m[6];
  BsAppearance ap = { o->rect.width, o->rect.height, NULL, (const char * const *) lines };

  if (o->image_path != NULL)
    {
      image = bs_image_load (o->image_path, error);
      if (image == NULL)
        return FALSE;
      ap.image = image;
      ap.lines = NULL;   /* the specimen is the signature; BSrE shows it alone */
    }
  content = bs_appearance_build_content (&ap);
  resources = bs_appearance_build_resources (&ap, image_ref);
  bs_pdf_page_upright_matrix (page, m);
  dict = g_strdup_printf (" /Type /XObject /Subtype /Form /BBox [0 0 %s %s]"
                          " /Matrix [%g %g %g %g 0 0] /Resources %s",
                          w, h, m[0], m[1], m[2], m[3], resources);
  bs_pdf_update_add_stream (u, n->form, dict, g_bytes_get_data (content, NULL),
                            g_bytes_get_size (content));
  if (image != NULL)
    add_image (u, image, n);
  return TRUE;
}

static void
add_invisible_form (BsPdfUpdate *u, const ObjectNumbers *n)
{
  bs_pdf_update_add_stream (u, n->form, " /Type /XObject /Subtype /Form /BBox [0 0 0 0]"
                                        " /Resources << >>", "", 0);
}

static char *
widget_dictionary (const char *field_name, const BsPdfPage *page, const BsPdfBox *rect,
                   const ObjectNumbers *n)
{
  g_autofree char *name = bs_pdf_text_string (field_name);
  g_autofree char *r = rect_text (rect);

  /* /F 132: Print | Locked (ISO 32000-1 Table 165). */
  return g_strdup_printf ("<< /Type /Annot /Subtype /Widget /FT /Sig /T %s /V %u 0 R /F 132"
                          " /P %u %u R /Rect %s /AP << /N %u 0 R >> >>",
                          name, n->sig, page->num, page->gen, r, n->form);
}

static void
patch_byte_range (BsSignPlan *plan, gsize at, guint64 total)
{
  guint64 a = plan->base + plan->contents_at;
  guint64 b = a + plan->contents_hex + 2;
  g_autofree char *text = g_strdup_printf ("[0 %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT
                                           " %" G_GUINT64_FORMAT "]", a, b, total - b);

  g_assert (strlen (text) <= BYTE_RANGE_WIDTH);
  memcpy (plan->bytes->data + at, text, strlen (text));
}

static void
add_updates (BsPdfUpdate *u, GPtrArray *updates)
{
  for (guint i = 0; i < updates->len; i++)
    {
      BsPdfObjectText *obj = g_ptr_array_index (updates, i);
      bs_pdf_update_add_object (u, obj->num, obj->gen, obj->body, strlen (obj->body));
    }
}

static BsPdfEmptyField *
find_empty_field (BsPdfDocument *doc, const char *name, GError **error)
{
  g_autoptr(GPtrArray) fields = bs_pdf_document_empty_signature_fields (doc);

  for (guint i = 0; i < fields->len; i++)
    {
      BsPdfEmptyField *f = g_ptr_array_index (fields, i);
      if (g_str_equal (f->name, name))
        return g_ptr_array_steal_index (fields, i);
    }
  g_set_error (error, BS_ERROR, BS_ERROR_INVALID_ARGUMENT, _("The document has no empty signature field “%s”"), name);
  return NULL;
}

/* Where the signature goes: a new field, or an empty one the document has
 * (its page and box then decide; a box of no area is an invisible one). */
typedef struct {
  BsSignOptions    options;
  BsPdfEmptyField *field;
  BsPdfPage        page;
  BsPdfBox         rect;
} Placement;

static gboolean
place (BsPdfDocument *doc, const BsSignOptions *o, Placement *p, GError **error)
{
  p->options = *o;
  if (o->field_name != NULL)
    {
      p->field = find_empty_field (doc, o->field_name, error);
      if (p->field == NULL)
        return FALSE;
      p->options.visible = p->field->page_index >= 0 && p->field->rect.x1 > p->field->rect.x0;
      p->options.page = MAX (p->field->page_index, 0) + 1;
    }
  if (!bs_pdf_document_get_page (doc, p->options.visible ? p->options.page - 1 : 0, &p->page, error))
    return FALSE;
  if (p->field != NULL && p->options.visible)
    {
      p->rect = p->field->rect;
      bs_pdf_page_user_to_display (&p->page, &p->rect, &p->options.rect);
      return TRUE;
    }
  return !p->options.visible || bs_pdf_page_display_to_user (&p->page, &p->options.rect, &p->rect, error);
}

gboolean
bs_sign_plan_build (BsPdfDocument *doc, guint64 file_size, const BsPdfRevision *last,
                    const BsSignOptions *options, BsSigner *signer, gsize cms_capacity,
                    BsSignPlan *plan, GError **error)
{
  g_auto(BsPdfTrailer) trailer = { 0 };
  g_autoptr(BsPdfUpdate) u = NULL;
  g_autoptr(GPtrArray) updates = NULL;
  g_autofree char *signer_name = signer ? bs_signer_dup_name (signer) : NULL;
  g_autofree char *field_name = unique_field_name (doc);
  g_autofree char *sig = NULL;
  g_autofree char *widget = NULL;
  Placement p = { 0 };
  const BsSignOptions *o = &p.options;
  guint first = 0;
  ObjectNumbers n;
  gsize br_at, ct_at, sig_at;
  gboolean ok;

  memset (plan, 0, sizeof *plan);
  ok = bs_pdf_document_new_object_numbers (doc, sizeof n / sizeof n.sig, &first, error)
       && bs_pdf_document_get_trailer (doc, &trailer, error) && place (doc, options, &p, error);
  n = (ObjectNumbers) { first, first + 1, first + 2, first + 3, first + 4, first + 5 };
  if (ok && o->certify > 0 && bs_pdf_document_has_signatures (doc))
    {
      g_set_error_literal (error, BS_ERROR, BS_ERROR_INVALID_ARGUMENT,
                           _("Only the first signature of a document can certify it"));
      ok = FALSE;
    }
  if (ok)
    updates = p.field ? bs_pdf_document_plan_fill_field (doc, p.field, n.sig, n.form, error)
                      : bs_pdf_document_plan_field (doc, o->visible ? o->page - 1 : 0, n.widget,
                                                    o->certify > 0 ? n.sig : 0, error);
  if (updates == NULL)
    {
      bs_pdf_empty_field_free (p.field);
      return FALSE;
    }

  u = bs_pdf_update_new (file_size, last, &trailer);
  sig = signature_dictionary (o, signer_name, cms_capacity * 2, &br_at, &ct_at);
  sig_at = bs_pdf_update_add_object (u, n.sig, 0, sig, strlen (sig));
  if (p.field == NULL)
    {
      widget = widget_dictionary (field_name, &p.page, &p.rect, &n);
      bs_pdf_update_add_object (u, n.widget, 0, widget, strlen (widget));
    }
  bs_pdf_empty_field_free (p.field);
  if (o->visible)
    {
      if (!add_visible_form (u, &p.page, o, signer_name, &n, error))
        return FALSE;
    }
  else
    add_invisible_form (u, &n);
  add_updates (u, updates);

  plan->form_num = n.form;
  plan->base = bs_pdf_update_get_base (u);
  plan->contents_at = sig_at + ct_at;
  plan->contents_hex = cms_capacity * 2;
  plan->bytes = bs_pdf_update_finish (u, n.xref);
  patch_byte_range (plan, sig_at + br_at, plan->base + plan->bytes->len);
  return TRUE;
}

void
bs_sign_plan_clear (BsSignPlan *plan)
{
  g_clear_pointer (&plan->bytes, g_byte_array_unref);
}
