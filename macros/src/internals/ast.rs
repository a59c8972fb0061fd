//! The model of a derive input: containers, fields and variants with their parsed attributes and
//! final Avro names.

use super::attr;
use super::ctxt::Ctxt;
use syn::{Ident, Member, Type};

pub struct Container<'a> {
    pub ident: &'a Ident,
    pub attrs: attr::Container,
    pub data: Data<'a>,
    pub original: &'a syn::DeriveInput,
}

pub enum Data<'a> {
    /// A struct with named fields, or a unit struct (no fields): an Avro record.
    Record(Vec<Field<'a>>),
    /// `struct Sku(String)`, or a one-field struct with `#[serde(transparent)]`: the inner type's
    /// schema.
    Newtype(Box<Field<'a>>),
    /// A struct with two or more unnamed fields: rejected by the checks.
    Tuple(&'a syn::FieldsUnnamed),
    Enum(Vec<Variant<'a>>),
}

pub struct Field<'a> {
    pub member: Member,
    pub ty: &'a Type,
    pub attrs: attr::Field,
    /// The name in the Avro record: `#[avro(rename)]`, else serde's rename, else `rename_all`
    /// applied to the Rust name.
    pub avro_name: String,
    pub original: &'a syn::Field,
}

pub struct Variant<'a> {
    pub ident: &'a Ident,
    pub attrs: attr::Variant,
    pub style: Style<'a>,
    /// The enum symbol, or the name of the variant's record in a union.
    pub avro_name: String,
    pub original: &'a syn::Variant,
}

pub enum Style<'a> {
    Unit,
    Struct(Vec<Field<'a>>),
    Newtype(Box<Field<'a>>),
    /// Two or more unnamed fields: rejected by the checks.
    Tuple,
}

impl<'a> Container<'a> {
    pub fn from_ast(cx: &Ctxt, item: &'a syn::DeriveInput) -> Option<Container<'a>> {
        let attrs = attr::Container::from_ast(cx, item);
        let rename_all = attrs.serde.rename_all;
        let rename_all_fields = attrs.serde.rename_all_fields;
        let data = match &item.data {
            syn::Data::Struct(data) => match &data.fields {
                // Serde writes a transparent struct as its one field, as it writes a newtype.
                syn::Fields::Named(fields) if attrs.serde.transparent.is_some() => {
                    let mut fields = fields_from_ast(cx, &fields.named, rename_all);
                    if fields.len() != 1 {
                        cx.syn_error(syn::Error::new(
                            attrs.serde.transparent.unwrap_or_else(proc_macro2::Span::call_site),
                            "`#[serde(transparent)]` maps a struct to its one field's schema, and this struct has other fields, which Avro would not carry: keep one field, or remove `transparent` to make it a record",
                        ));
                        return None;
                    }
                    Data::Newtype(Box::new(fields.remove(0)))
                }
                syn::Fields::Named(fields) => {
                    Data::Record(fields_from_ast(cx, &fields.named, rename_all))
                }
                syn::Fields::Unit => Data::Record(Vec::new()),
                syn::Fields::Unnamed(fields) if fields.unnamed.len() == 1 => Data::Newtype(
                    Box::new(fields_from_ast(cx, &fields.unnamed, None).remove(0)),
                ),
                syn::Fields::Unnamed(fields) => Data::Tuple(fields),
            },
            syn::Data::Enum(data) => {
                let variants = data
                    .variants
                    .iter()
                    .map(|variant| {
                        let attrs = attr::Variant::from_ast(cx, variant);
                        let style = match &variant.fields {
                            syn::Fields::Unit => Style::Unit,
                            syn::Fields::Named(fields) => Style::Struct(fields_from_ast(
                                cx,
                                &fields.named,
                                attrs.serde.rename_all.or(rename_all_fields),
                            )),
                            syn::Fields::Unnamed(fields) if fields.unnamed.len() == 1 => {
                                Style::Newtype(Box::new(
                                    fields_from_ast(cx, &fields.unnamed, None).remove(0),
                                ))
                            }
                            syn::Fields::Unnamed(_) => Style::Tuple,
                        };
                        let avro_name = attrs
                            .rename
                            .as_ref()
                            .map(syn::LitStr::value)
                            .or_else(|| attrs.serde.rename.as_ref().map(syn::LitStr::value))
                            .unwrap_or_else(|| {
                                let name = variant.ident.to_string();
                                match rename_all {
                                    Some(rule) => rule.apply_to_variant(&name),
                                    None => name,
                                }
                            });
                        Variant {
                            ident: &variant.ident,
                            attrs,
                            style,
                            avro_name,
                            original: variant,
                        }
                    })
                    .collect();
                Data::Enum(variants)
            }
            syn::Data::Union(data) => {
                cx.error_spanned_by(
                    data.union_token,
                    "unions have no Avro mapping: use an enum, which maps to an Avro union",
                );
                return None;
            }
        };
        Some(Container {
            ident: &item.ident,
            attrs,
            data,
            original: item,
        })
    }

    /// The Avro name of the type itself: `#[avro(name)]`, else serde's rename, else the ident.
    pub fn avro_name(&self) -> String {
        self.attrs
            .name
            .as_ref()
            .map(syn::LitStr::value)
            .or_else(|| self.attrs.serde.rename.as_ref().map(syn::LitStr::value))
            .unwrap_or_else(|| self.ident.to_string())
    }
}

fn fields_from_ast<'a>(
    cx: &Ctxt,
    fields: &'a syn::punctuated::Punctuated<syn::Field, syn::Token![,]>,
    rename_all: Option<super::case::RenameRule>,
) -> Vec<Field<'a>> {
    fields
        .iter()
        .enumerate()
        .map(|(i, field)| {
            let attrs = attr::Field::from_ast(cx, field);
            let member = match &field.ident {
                Some(ident) => Member::Named(ident.clone()),
                None => Member::Unnamed(i.into()),
            };
            let avro_name = attrs
                .rename
                .as_ref()
                .map(syn::LitStr::value)
                .or_else(|| attrs.serde.rename.as_ref().map(syn::LitStr::value))
                .unwrap_or_else(|| {
                    let name = field
                        .ident
                        .as_ref()
                        .map(unraw)
                        .unwrap_or_else(|| i.to_string());
                    match rename_all {
                        Some(rule) => rule.apply_to_field(&name),
                        None => name,
                    }
                });
            Field {
                member,
                ty: &field.ty,
                attrs,
                avro_name,
                original: field,
            }
        })
        .collect()
}

fn unraw(ident: &Ident) -> String {
    let name = ident.to_string();
    name.strip_prefix("r#").map(str::to_owned).unwrap_or(name)
}

impl Field<'_> {
    /// Whether the field is left out of the schema and filled with its default when decoding.
    pub fn skipped(&self) -> bool {
        self.attrs.skip.is_some() || self.attrs.serde.skip.is_some()
    }
}
