package entities_test
import ("testing";"fmt";"github.com/jdkato/prose/v3")
func TestX(t *testing.T){
 d,err:=prose.NewDocument("Marie Curie studied in Paris at the Sorbonne. The United Nations and Microsoft met in Kenya's Nairobi near Mount Kenya and the Golden Gate Bridge.")
 if err!=nil{t.Fatal(err)}
 for _,e:=range d.Entities(){fmt.Printf("%q %s %d\n",e.Text,e.Label,e.Start)}
}
