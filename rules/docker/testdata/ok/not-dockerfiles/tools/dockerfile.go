package dockerfile

import "fmt"

func X() { fmt.Println(1) }
