/* bs-app-document.c — see bs-app-document.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign"

#include "bs-app-document.h"
#include "bs-sign-outcome.h"

/* A box of this size sits this far from the page's right and bottom edges
 * (about 2 cm: clear of the usual margin, and of a footer line). */
#define DEFAULT_WIDTH 180.0
#define DEFAULT_HEIGHT 72.0
#define DEFAULT_MARGIN 56.0

struct _BsAppDocument {
  GObject        parent_instance;

  char          *path;
  char          *name;
  gboolean       visible;
  int            page;
  BsDisplayRect  rect;
  gboolean       placed;
  GPtrArray     *fields;
  char          *field_name;
  BsDocState     state;
  char          *output;
  char          *failure;
  char          *failure_detail;
  gboolean       locked;         /* opens only with a password */
  BsSecret      *pdf_password;   /* that password, until the document is signed */
};

enum {
  PROP_0, PROP_PATH, PROP_NAME, PROP_VISIBLE, PROP_PAGE, PROP_X, PROP_Y, PROP_WIDTH, PROP_HEIGHT, PROP_PLACED,
  PROP_FIELD_NAME, PROP_STATE, PROP_OUTPUT, PROP_FAILURE, PROP_LOCKED, PROP_HAS_PASSWORD, N_PROPS
};
static GParamSpec *props[N_PROPS];

G_DEFINE_ENUM_TYPE (BsDocState, bs_doc_state,
                    G_DEFINE_ENUM_VALUE (BS_DOC_PENDING, "pending"),
                    G_DEFINE_ENUM_VALUE (BS_DOC_SIGNED, "signed"),
                    G_DEFINE_ENUM_VALUE (BS_DOC_FAILED, "failed"))

G_DEFINE_FINAL_TYPE (BsAppDocument, bs_app_document, G_TYPE_OBJECT)

static void
bs_app_document_finalize (GObject *object)
{
  BsAppDocument *self = BS_APP_DOCUMENT (object);

  g_free (self->path);
  g_free (self->name);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_free (self->field_name);
  g_free (self->output);
  g_free (self->failure);
  g_free (self->failure_detail);
  bs_secret_free (self->pdf_password);
  G_OBJECT_CLASS (bs_app_document_parent_class)->finalize (object);
}

static void
bs_app_document_get_property (GObject *object, guint id, GValue *value, GParamSpec *pspec)
{
  BsAppDocument *self = BS_APP_DOCUMENT (object);

  switch (id)
    {
    case PROP_PATH: g_value_set_string (value, self->path); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_VISIBLE: g_value_set_boolean (value, self->visible); break;
    case PROP_PAGE: g_value_set_int (value, self->page); break;
    case PROP_X: g_value_set_double (value, self->rect.x); break;
    case PROP_Y: g_value_set_double (value, self->rect.y); break;
    case PROP_WIDTH: g_value_set_double (value, self->rect.width); break;
    case PROP_HEIGHT: g_value_set_double (value, self->rect.height); break;
    case PROP_PLACED: g_value_set_boolean (value, self->placed); break;
    case PROP_FIELD_NAME: g_value_set_string (value, self->field_name); break;
    case PROP_STATE: g_value_set_enum (value, self->state); break;
    case PROP_OUTPUT: g_value_set_string (value, self->output); break;
    case PROP_FAILURE: g_value_set_string (value, self->failure); break;
    case PROP_LOCKED: g_value_set_boolean (value, self->locked); break;
    case PROP_HAS_PASSWORD: g_value_set_boolean (value, self->pdf_password != NULL); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
    }
}

static void
bs_app_document_set_property (GObject *object, guint id, const GValue *value, GParamSpec *pspec)
{
  BsAppDocument *self = BS_APP_DOCUMENT (object);

  switch (id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      self->name = g_path_get_basename (self->path);
      break;
    case PROP_VISIBLE: bs_app_document_set_visible (self, g_value_get_boolean (value)); break;
    case PROP_PAGE: bs_app_document_set_page (self, g_value_get_int (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
    }
}

static GParamSpec *
rect_side (const char *name)
{
  return g_param_spec_double (name, NULL, NULL, 0, G_MAXDOUBLE, 0,
                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
bs_app_document_class_init (BsAppDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = bs_app_document_finalize;
  object_class->get_property = bs_app_document_get_property;
  object_class->set_property = bs_app_document_set_property;
  props[PROP_PATH] = g_param_spec_string ("path", NULL, NULL, NULL,
                                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  props[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, ro);
  props[PROP_VISIBLE] = g_param_spec_boolean ("visible", NULL, NULL, FALSE, rw);
  props[PROP_PAGE] = g_param_spec_int ("page", NULL, NULL, 1, G_MAXINT, 1, rw);
  props[PROP_X] = rect_side ("x");
  props[PROP_Y] = rect_side ("y");
  props[PROP_WIDTH] = rect_side ("width");
  props[PROP_HEIGHT] = rect_side ("height");
  props[PROP_PLACED] = g_param_spec_boolean ("placed", NULL, NULL, FALSE, ro);
  props[PROP_FIELD_NAME] = g_param_spec_string ("field-name", NULL, NULL, NULL, ro);
  props[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, BS_TYPE_DOC_STATE, BS_DOC_PENDING, ro);
  props[PROP_OUTPUT] = g_param_spec_string ("output", NULL, NULL, NULL, ro);
  props[PROP_FAILURE] = g_param_spec_string ("failure", NULL, NULL, NULL, ro);
  props[PROP_LOCKED] = g_param_spec_boolean ("locked", NULL, NULL, FALSE, ro);
  props[PROP_HAS_PASSWORD] = g_param_spec_boolean ("has-password", NULL, NULL, FALSE, ro);
  g_object_class_install_properties (object_class, N_PROPS, props);
}

static void
bs_app_document_init (BsAppDocument *self)
{
  self->page = 1;
  self->rect = (BsDisplayRect) { DEFAULT_MARGIN, DEFAULT_MARGIN, DEFAULT_WIDTH, DEFAULT_HEIGHT };
}

BsAppDocument *
bs_app_document_new (const char *path)
{
  return g_object_new (BS_TYPE_APP_DOCUMENT, "path", path, NULL);
}

const char *bs_app_document_get_path (BsAppDocument *self) { return self->path; }
const char *bs_app_document_get_name (BsAppDocument *self) { return self->name; }
gboolean bs_app_document_get_visible (BsAppDocument *self) { return self->visible; }
int bs_app_document_get_page (BsAppDocument *self) { return self->page; }
const BsDisplayRect *bs_app_document_get_rect (BsAppDocument *self) { return &self->rect; }
gboolean bs_app_document_is_placed (BsAppDocument *self) { return self->placed; }
GPtrArray *bs_app_document_get_fields (BsAppDocument *self) { return self->fields; }
const char *bs_app_document_get_field_name (BsAppDocument *self) { return self->field_name; }
BsDocState bs_app_document_get_state (BsAppDocument *self) { return self->state; }
const char *bs_app_document_get_output (BsAppDocument *self) { return self->output; }
const char *bs_app_document_get_failure (BsAppDocument *self) { return self->failure; }
const char *bs_app_document_get_failure_detail (BsAppDocument *self) { return self->failure_detail; }
gboolean bs_app_document_is_locked (BsAppDocument *self) { return self->locked; }
const BsSecret *bs_app_document_get_pdf_password (BsAppDocument *self) { return self->pdf_password; }

void
bs_app_document_set_locked (BsAppDocument *self, gboolean locked)
{
  g_return_if_fail (BS_IS_APP_DOCUMENT (self));

  if (self->locked == !!locked)
    return;
  self->locked = !!locked;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_LOCKED]);
}

void
bs_app_document_set_pdf_password (BsAppDocument *self, BsSecret *password)
{
  gboolean had;

  g_return_if_fail (BS_IS_APP_DOCUMENT (self));

  had = self->pdf_password != NULL;
  bs_secret_free (self->pdf_password);
  self->pdf_password = password;
  if (had != (password != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_HAS_PASSWORD]);
}

void
bs_app_document_set_visible (BsAppDocument *self, gboolean visible)
{
  g_return_if_fail (BS_IS_APP_DOCUMENT (self));

  if (self->visible == !!visible)
    return;
  self->visible = !!visible;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_VISIBLE]);
}

void
bs_app_document_set_page (BsAppDocument *self, int page)
{
  g_return_if_fail (BS_IS_APP_DOCUMENT (self));

  if (self->page == MAX (page, 1))
    return;
  self->page = MAX (page, 1);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_PAGE]);
}

static void
store_rect (BsAppDocument *self, const BsDisplayRect *rect)
{
  g_object_freeze_notify (G_OBJECT (self));
  self->rect = *rect;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_X]);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_Y]);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_WIDTH]);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_HEIGHT]);
  g_object_thaw_notify (G_OBJECT (self));
}

void
bs_app_document_set_rect (BsAppDocument *self, const BsDisplayRect *rect)
{
  g_return_if_fail (BS_IS_APP_DOCUMENT (self));

  store_rect (self, rect);
  if (!self->placed)
    {
      self->placed = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), props[PROP_PLACED]);
    }
}

void
bs_app_document_place_default (BsAppDocument *self, double width, double height)
{
  BsDisplayRect r = { 0, 0, MIN (DEFAULT_WIDTH, width / 2), MIN (DEFAULT_HEIGHT, height / 4) };

  g_return_if_fail (BS_IS_APP_DOCUMENT (self));

  if (self->placed || width <= 0 || height <= 0)
    return;
  r.x = MAX (width - DEFAULT_MARGIN - r.width, 0);
  r.y = MAX (height - DEFAULT_MARGIN - r.height, 0);
  bs_app_document_set_rect (self, &r);
}

void
bs_app_document_set_fields (BsAppDocument *self, GPtrArray *fields)
{
  g_return_if_fail (BS_IS_APP_DOCUMENT (self));

  g_clear_pointer (&self->fields, g_ptr_array_unref);
  self->fields = fields ? g_ptr_array_ref (fields) : NULL;
}

void
bs_app_document_use_field (BsAppDocument *self, const BsSignField *field)
{
  g_return_if_fail (BS_IS_APP_DOCUMENT (self) && field != NULL);

  g_object_freeze_notify (G_OBJECT (self));
  g_free (self->field_name);
  self->field_name = g_strdup (field->name);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_FIELD_NAME]);
  bs_app_document_set_visible (self, field->page > 0);
  if (field->page > 0)
    {
      bs_app_document_set_page (self, field->page);
      bs_app_document_set_rect (self, &field->rect);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

void
bs_app_document_set_result (BsAppDocument *self, const BsSignResult *result)
{
  g_return_if_fail (BS_IS_APP_DOCUMENT (self) && result != NULL);

  g_object_freeze_notify (G_OBJECT (self));
  g_free (self->output);
  g_free (self->failure);
  g_free (self->failure_detail);
  self->output = g_strdup (result->output);
  self->failure = result->output == NULL ? bs_sign_failure_reason (result->error) : NULL;
  self->failure_detail = result->output == NULL && result->error ? g_strdup (result->error->message) : NULL;
  self->state = result->output != NULL ? BS_DOC_SIGNED : BS_DOC_FAILED;
  /* Signed, it is not opened again here: the password has done its work. */
  if (result->output != NULL)
    bs_app_document_set_pdf_password (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_OUTPUT]);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_FAILURE]);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_STATE]);
  g_object_thaw_notify (G_OBJECT (self));
}
