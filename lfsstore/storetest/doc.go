// Package storetest is the conformance suite every lfsstore.Store
// implementation must pass. A backend's test calls Run with a constructor
// that returns a fresh, empty store:
//
//	func TestConformance(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) lfsstore.Store {
//			s, err := lfsstore.NewLocal(t.TempDir())
//			if err != nil {
//				t.Fatal(err)
//			}
//			return s
//		})
//	}
//
// storetest imports only lfsstore and the standard library.
package storetest
