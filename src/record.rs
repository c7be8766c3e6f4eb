//! The canonical record: the fields a list can hold, each record's raw values, where it came
//! from, and the rows that could not be used.

use serde::{Deserialize, Serialize};

macro_rules! fields {
    ($($variant:ident => $name:literal),+ $(,)?) => {
        /// A canonical field. The names are pinned: other tools read them.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Field { $(#[doc = $name] $variant),+ }

        impl Field {
            /// Every field, in canonical order.
            pub const ALL: [Field; Field::COUNT] = [$(Field::$variant),+];

            /// The pinned snake_case name.
            pub fn name(self) -> &'static str {
                match self { $(Field::$variant => $name),+ }
            }
        }
    };
}

fields! {
    Id => "id",
    Surname => "surname",
    GivenName => "given_name",
    Patronymic => "patronymic",
    FullName => "full_name",
    Dob => "dob",
    BirthYear => "birth_year",
    Sex => "sex",
    Citizenship => "citizenship",
    Status => "status",
    Rank => "rank",
    Unit => "unit",
    ServiceNumber => "service_number",
    DocumentNumber => "document_number",
    Health => "health",
    Category => "category",
    PlaceOfBirth => "place_of_birth",
    CapturedOn => "captured_on",
    CapturedAt => "captured_at",
    Notes => "notes",
}

impl Field {
    /// How many canonical fields there are.
    pub const COUNT: usize = 20;

    /// Position in [`Field::ALL`], used to index a record's values.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The field with this pinned name.
    pub fn from_name(name: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The pinned names, comma-separated, for error messages.
    pub fn names() -> String {
        Field::ALL.map(Field::name).join(", ")
    }
}

impl std::fmt::Display for Field {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// One usable data record of a list, as read: raw values only. Everything derived from them
/// (keys, parsed dates, classes) lives in [`crate::normalize::Person`], so the raw text can
/// always be shown beside it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Record {
    /// 1-based position among the file's data records (header excluded, rejected rows
    /// counted), so row N is always the Nth record.
    pub row: u64,
    /// Physical 1-based line where the record starts (the sheet row for a spreadsheet).
    pub line: u64,
    /// Raw values per canonical field; read them with [`Record::get`].
    pub values: FieldValues,
    /// Fields whose value was derived by the reader rather than read from their own column
    /// (surname, given name and patronymic split from a full name).
    pub derived: Vec<Field>,
    /// Values of the columns that map to no field, aligned with
    /// [`crate::read::Mapping::extras`].
    pub extras: Vec<Option<Box<str>>>,
}

/// The raw values of a record's fields, one after the other in one allocation, with where
/// each ends. A million-row list holds two million of these: twenty separate optional
/// strings cost 320 bytes a record before any text, and an allocation per value.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldValues {
    /// Every value, in field order.
    text: Box<str>,
    /// Byte offset in `text` where each field's value ends; a field's value starts where
    /// the previous one ends, and an empty value is an absent one.
    ends: [u32; Field::COUNT],
}

impl FieldValues {
    fn get(&self, i: usize) -> Option<&str> {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        let end = self.ends[i] as usize;
        self.text.get(start..end).filter(|v| !v.is_empty())
    }

    /// Rebuilds the buffer with field `i` set to `v` (records are built once, a field at a
    /// time, so the copy is of a few hundred bytes). Past 4 GiB in all the record is left as
    /// it was.
    fn set(&mut self, i: usize, v: &str) {
        let mut text = String::with_capacity(self.text.len() + v.len());
        let mut ends = [0u32; Field::COUNT];
        for (k, end) in ends.iter_mut().enumerate() {
            let value = if k == i {
                v
            } else {
                self.get(k).unwrap_or_default()
            };
            text.push_str(value);
            match u32::try_from(text.len()) {
                Ok(e) => *end = e,
                Err(_) => return,
            }
        }
        self.text = text.into_boxed_str();
        self.ends = ends;
    }
}

impl Serialize for Record {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let values: Vec<Option<&str>> = Field::ALL.iter().map(|f| self.get(*f)).collect();
        let mut st = s.serialize_struct("Record", 5)?;
        st.serialize_field("row", &self.row)?;
        st.serialize_field("line", &self.line)?;
        st.serialize_field("values", &values)?;
        st.serialize_field("derived", &self.derived)?;
        st.serialize_field("extras", &self.extras)?;
        st.end()
    }
}

impl Record {
    /// The raw value of a field, if any.
    pub fn get(&self, field: Field) -> Option<&str> {
        self.values.get(field.index())
    }

    /// Sets a field's raw value; empty or all-blank text counts as absent. A record's
    /// values together are capped far below 4 GiB by the reader's line and field caps; past
    /// that, the value is not stored.
    pub fn set(&mut self, field: Field, value: &str) {
        self.values.set(field.index(), value.trim());
    }
}

/// A data record that could not be used, with the reason. Counted, never dropped.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Rejected {
    /// 1-based record number, as for [`Record::row`].
    pub row: u64,
    /// Physical line (or sheet row) where it starts.
    pub line: u64,
    /// Why it was rejected, in words a user can act on.
    pub reason: String,
}
