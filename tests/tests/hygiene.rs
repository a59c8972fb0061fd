//! Generated code names only `tidings` and fully qualified std paths: it compiles with the prelude
//! shadowed, and under strict lints.
#![deny(warnings, missing_docs, unused_qualifications, unused_results)]
#![deny(clippy::all, clippy::pedantic)]
#![allow(dead_code, unused_macros)]

/// Types named like the prelude's, in scope where the derive expands.
mod shadowed {
    struct Result;
    struct Option;
    struct Some;
    struct None;
    struct Ok;
    struct Err;
    struct Vec;
    struct Box;
    struct Default;
    struct String;
    macro_rules! concat {
        () => {};
    }
    macro_rules! env {
        () => {};
    }
    macro_rules! vec {
        () => {};
    }

    /// An event in a hostile scope.
    #[derive(tidings::Event)]
    #[avro(namespace = "com.acme")]
    pub struct Hostile {
        /// A string.
        pub text: std::string::String,
        /// An option.
        pub maybe: std::option::Option<i32>,
        /// A boxed recursion.
        pub inner: std::vec::Vec<Inner>,
        /// Skipped, so filled from `Default`.
        #[avro(skip)]
        pub skipped: u8,
        /// A union.
        pub choice: Choice,
        /// A literal default, checked by a generated const item.
        #[avro(default = 3)]
        pub counted: i32,
    }

    /// Nested.
    #[derive(tidings::Avro)]
    #[avro(namespace = "com.acme")]
    pub struct Inner {
        /// Recursion.
        pub next: std::option::Option<std::boxed::Box<Inner>>,
    }

    /// A union with every variant style.
    #[derive(tidings::Avro)]
    #[avro(namespace = "com.acme")]
    pub enum Choice {
        /// Unit.
        A,
        /// Newtype.
        B(i64),
        /// Another newtype, checked against the first by a generated const item.
        D(std::string::String),
        /// Struct.
        C {
            /// A field.
            x: f64,
        },
    }

    /// An Avro enum.
    #[derive(tidings::Avro)]
    pub enum Symbols {
        /// One.
        One,
        /// Two.
        Two,
    }

    /// A newtype.
    #[derive(tidings::Avro)]
    pub struct Id(pub i64);
}

#[test]
fn generated_code_survives_a_hostile_scope_and_strict_lints() {
    let value = shadowed::Hostile {
        text: "t".into(),
        maybe: Some(1),
        inner: vec![shadowed::Inner { next: None }],
        skipped: 9,
        choice: shadowed::Choice::C { x: 1.5 },
        counted: 4,
    };
    let decoded: shadowed::Hostile = tidings::decode(&tidings::encode(&value).unwrap()).unwrap();
    assert_eq!(decoded.text, "t");
    assert_eq!(decoded.skipped, 0);
    assert!(matches!(decoded.choice, shadowed::Choice::C { x } if (x - 1.5).abs() < f64::EPSILON));
}
